-- pipeline / maintenance for duckdb

-- slow-models: Identify slow models
SELECT model_name, AVG(run_duration_seconds) AS avg_duration, COUNT(*) AS run_count FROM vw_dbt_run_results WHERE last_run_at >= (current_timestamp + INTERVAL (7 * (-1)) DAY) GROUP BY 1 ORDER BY avg_duration DESC;

-- pipeline / maintenance for mysql

-- slow-models: Identify slow models
SELECT model_name, AVG(run_duration_seconds) AS avg_duration, COUNT(*) AS run_count FROM vw_dbt_run_results WHERE last_run_at >= DATE_ADD(CURRENT_TIMESTAMP, INTERVAL (-1) WEEK) GROUP BY 1 ORDER BY avg_duration DESC;

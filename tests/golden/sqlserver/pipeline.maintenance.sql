-- pipeline / maintenance for sqlserver

-- slow-models: Identify slow models
SELECT model_name, AVG(run_duration_seconds) AS avg_duration, COUNT(*) AS run_count FROM vw_dbt_run_results WHERE last_run_at >= DATEADD(week, -1, GETDATE()) GROUP BY 1 ORDER BY avg_duration DESC;

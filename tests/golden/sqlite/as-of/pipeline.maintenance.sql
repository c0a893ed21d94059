-- pipeline / maintenance for sqlite as of 2026-11-26 08:00:00 UTC

-- slow-models: Identify slow models
SELECT model_name, AVG(run_duration_seconds) AS avg_duration, COUNT(*) AS run_count FROM vw_dbt_run_results WHERE last_run_at >= DATEADD('week', -1, '2026-11-26 08:00:00') GROUP BY 1 ORDER BY avg_duration DESC;

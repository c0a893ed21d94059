-- pipeline / monitoring for databricks

-- freshness-status: Check data freshness
SELECT table_name, minutes_since_sync, CASE WHEN minutes_since_sync <= 60 THEN 'EXCELLENT' WHEN minutes_since_sync <= 360 THEN 'GOOD' WHEN minutes_since_sync <= 720 THEN 'ACCEPTABLE' ELSE 'POOR' END AS freshness_status FROM vw_data_freshness_monitoring ORDER BY minutes_since_sync DESC;

-- dbt-run-results: Check pipeline performance
SELECT model_name, run_duration_seconds, status, error_message FROM vw_dbt_run_results WHERE last_run_at >= timestampadd(HOUR, -4, current_timestamp()) ORDER BY run_duration_seconds DESC;

-- null-percentage: Validate data quality
SELECT table_name, row_count, null_keys, CASE WHEN row_count = 0 THEN 0.0 ELSE null_keys * 100.0 / row_count END AS null_percentage FROM vw_data_quality_summary WHERE evaluation_timestamp >= timestampadd(HOUR, -4, current_timestamp()) ORDER BY null_percentage DESC;

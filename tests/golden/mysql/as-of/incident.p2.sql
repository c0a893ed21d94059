-- incident / p2 for mysql as of 2026-11-26 08:00:00 UTC

-- data-quality-sla: Check data quality
SELECT table_name, sla_result, row_count, null_keys, evaluation_timestamp FROM vw_data_quality_summary ORDER BY table_name, evaluation_timestamp;

-- slow-queries: Monitor performance
SELECT query_id, query_text, query_type, warehouse_name, start_time, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= DATE_ADD(TIMESTAMP '2026-11-26 08:00:00', INTERVAL (-24) HOUR) ORDER BY start_time DESC;

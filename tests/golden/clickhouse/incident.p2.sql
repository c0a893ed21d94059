-- incident / p2 for clickhouse

-- data-quality-sla: Check data quality
SELECT table_name, sla_result, row_count, null_keys, evaluation_timestamp FROM vw_data_quality_summary ORDER BY table_name, evaluation_timestamp;

-- slow-queries: Monitor performance
SELECT query_id, query_text, query_type, warehouse_name, start_time, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= addHours(now(), -24) ORDER BY start_time DESC;

-- monthly / mid-month for clickhouse

-- slow-queries-month: Identify slow queries
SELECT query_id, query_text, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= addMonths(now(), -1) ORDER BY total_elapsed_time_seconds DESC;

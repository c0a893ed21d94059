-- monthly / mid-month for duckdb

-- slow-queries-month: Identify slow queries
SELECT query_id, query_text, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= (current_timestamp + INTERVAL (-1) MONTH) ORDER BY total_elapsed_time_seconds DESC;

-- performance / weekly for sqlite

-- slow-queries-week: Identify slow queries
SELECT query_id, query_text, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= DATEADD('week', -1, CURRENT_TIMESTAMP) ORDER BY total_elapsed_time_seconds DESC;

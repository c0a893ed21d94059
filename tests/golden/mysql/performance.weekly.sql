-- performance / weekly for mysql

-- slow-queries-week: Identify slow queries
SELECT query_id, query_text, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= DATE_ADD(CURRENT_TIMESTAMP, INTERVAL (-1) WEEK) ORDER BY total_elapsed_time_seconds DESC;

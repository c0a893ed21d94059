-- performance / weekly for mysql as of 2026-11-26 08:00:00 UTC

-- slow-queries-week: Identify slow queries
SELECT query_id, query_text, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= DATE_ADD(TIMESTAMP '2026-11-26 08:00:00', INTERVAL (-1) WEEK) ORDER BY total_elapsed_time_seconds DESC;

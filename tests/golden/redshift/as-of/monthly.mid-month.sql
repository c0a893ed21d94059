-- monthly / mid-month for redshift as of 2026-11-26 08:00:00 UTC

-- slow-queries-month: Identify slow queries
SELECT query_id, query_text, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= DATEADD(month, -1, CAST('2026-11-26 08:00:00' AS TIMESTAMP)) ORDER BY total_elapsed_time_seconds DESC;

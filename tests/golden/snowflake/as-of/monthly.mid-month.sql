-- monthly / mid-month for snowflake as of 2026-11-26 08:00:00 UTC

-- slow-queries-month: Identify slow queries
SELECT query_id, query_text, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= DATEADD('month', -1, TO_TIMESTAMP_NTZ('2026-11-26 08:00:00')) ORDER BY total_elapsed_time_seconds DESC;

-- monthly / mid-month for trino as of 2026-11-26 08:00:00 UTC

-- slow-queries-month: Identify slow queries
-- evaluated in the warehouse, if the result's column types allow
SELECT g.*,
       SUM(g.opsctl_rows) OVER () AS opsctl_total,
       SUM(CASE WHEN g.opsctl_undecided = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_undecided_rows,
       SUM(CASE WHEN g.opsctl_e1 = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_1,
       SUM(CASE WHEN g.opsctl_e1 = 2 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_2,
       MAX(g.opsctl_measure) OVER () AS opsctl_measure_all
FROM (
SELECT r.opsctl_e1,
       r.opsctl_undecided,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_key_1 END AS opsctl_key_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_show_1 END AS opsctl_show_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows,
       MAX(r.opsctl_m) AS opsctl_measure
FROM (
SELECT CASE WHEN q.total_elapsed_time_seconds IS NULL THEN 1
             WHEN q.total_elapsed_time_seconds > 60 THEN 2
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       CASE WHEN q.total_elapsed_time_seconds BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.total_elapsed_time_seconds END AS opsctl_m,
       q.query_id AS opsctl_key_1,
       q.query_text AS opsctl_show_1,
       q.total_elapsed_time_seconds AS opsctl_value_1
FROM (
SELECT query_id, query_text, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= date_add('month', -1, TIMESTAMP '2026-11-26 08:00:00') ORDER BY total_elapsed_time_seconds DESC
) q
) r
GROUP BY 1, 2, 3, 4, 5
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS VARCHAR) NULLS LAST,
         CAST(g.opsctl_value_1 AS VARCHAR) NULLS LAST
LIMIT 51;

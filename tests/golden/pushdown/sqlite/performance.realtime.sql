-- performance / realtime for sqlite as of 2026-11-26 08:00:00 UTC

-- system-performance: Monitor system performance
-- evaluated on the client: a report step: people read its rows, so all of them come
SELECT warehouse_name, AVG(credits_used_compute) AS avg_compute_credits, AVG(credits_used_cloud_services) AS avg_cloud_credits, COUNT(*) AS query_count FROM vw_performance_monitoring WHERE start_time >= DATEADD('hour', -1, '2026-11-26 08:00:00') GROUP BY 1 ORDER BY 1;

-- query-performance: Monitor query performance
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
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows,
       MAX(r.opsctl_m) AS opsctl_measure
FROM (
SELECT CASE WHEN q.max_duration IS NULL THEN 1
             WHEN q.max_duration > 300 THEN 2
             ELSE 0 END AS opsctl_e1,
       CASE WHEN (TYPEOF(q.max_duration) NOT IN ('integer', 'real', 'null')) THEN 1 ELSE 0 END AS opsctl_undecided,
       CASE WHEN q.max_duration BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.max_duration END AS opsctl_m,
       q.query_type AS opsctl_key_1,
       q.max_duration AS opsctl_value_1
FROM (
SELECT query_type, AVG(total_elapsed_time_seconds) AS avg_duration, MAX(total_elapsed_time_seconds) AS max_duration, COUNT(*) AS query_count FROM vw_performance_monitoring WHERE start_time >= DATEADD('hour', -1, '2026-11-26 08:00:00') GROUP BY 1 ORDER BY avg_duration DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) NULLS LAST
LIMIT 51;

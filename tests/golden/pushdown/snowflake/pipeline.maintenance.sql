-- pipeline / maintenance for snowflake as of 2026-11-26 08:00:00 UTC

-- slow-models: Identify slow models
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
SELECT CASE WHEN q.avg_duration IS NULL THEN 1
             WHEN q.avg_duration > 300 THEN 2
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       CASE WHEN q.avg_duration BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.avg_duration END AS opsctl_m,
       q.model_name AS opsctl_key_1,
       q.avg_duration AS opsctl_value_1
FROM (
SELECT model_name, AVG(run_duration_seconds) AS avg_duration, COUNT(*) AS run_count FROM vw_dbt_run_results WHERE last_run_at >= DATEADD('week', -1, TO_TIMESTAMP_NTZ('2026-11-26 08:00:00')) GROUP BY 1 ORDER BY avg_duration DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         TO_VARCHAR(g.opsctl_key_1) NULLS LAST,
         TO_VARCHAR(g.opsctl_value_1) NULLS LAST
LIMIT 51;

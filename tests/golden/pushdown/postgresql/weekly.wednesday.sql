-- weekly / wednesday for postgresql as of 2026-11-26 08:00:00 UTC

-- null-percentage-trend: Check data quality trends
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
SELECT CASE WHEN q.avg_null_percentage IS NULL THEN 1
             WHEN q.avg_null_percentage > 5 THEN 2
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       CASE WHEN q.avg_null_percentage BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.avg_null_percentage END AS opsctl_m,
       q.table_name AS opsctl_key_1,
       q.avg_null_percentage AS opsctl_value_1
FROM (
SELECT table_name, AVG(CASE WHEN row_count = 0 THEN 0.0 ELSE null_keys * 100.0 / row_count END) AS avg_null_percentage FROM vw_data_quality_summary WHERE evaluation_timestamp >= (TIMESTAMP '2026-11-26 08:00:00' + (-1) * INTERVAL '1 week') GROUP BY 1 ORDER BY 2 DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) COLLATE "C" NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) COLLATE "C" NULLS LAST
LIMIT 51;

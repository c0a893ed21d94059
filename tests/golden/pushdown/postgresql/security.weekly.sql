-- security / weekly for postgresql as of 2026-11-26 08:00:00 UTC

-- security-assessment: Security assessment
-- evaluated in the warehouse, if the result's column types allow
SELECT g.*,
       SUM(g.opsctl_rows) OVER () AS opsctl_total,
       SUM(CASE WHEN g.opsctl_undecided = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_undecided_rows,
       SUM(CASE WHEN g.opsctl_e1 = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_1,
       SUM(CASE WHEN g.opsctl_e1 = 2 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_2,
       SUM(CASE WHEN g.opsctl_e1 = 3 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_3
FROM (
SELECT r.opsctl_e1,
       r.opsctl_undecided,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_key_1 END AS opsctl_key_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows
FROM (
SELECT CASE WHEN q.status IS NULL THEN 1
             WHEN (TRANSLATE(RTRIM(CAST(q.status AS TEXT), ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') IN ('fail')) THEN 2
             WHEN NOT (TRANSLATE(RTRIM(CAST(q.status AS TEXT), ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') IN ('pass')) THEN 3
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       q.security_metric AS opsctl_key_1,
       q.status AS opsctl_value_1
FROM (
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= (DATE '2026-11-26' + (-1) * INTERVAL '1 week') ORDER BY status DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) COLLATE "C" NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) COLLATE "C" NULLS LAST
LIMIT 51;

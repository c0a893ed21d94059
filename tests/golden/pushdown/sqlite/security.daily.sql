-- security / daily for sqlite as of 2026-11-26 08:00:00 UTC

-- user-access: Monitor user access
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
SELECT CASE WHEN q.failed_login_count IS NULL THEN 1
             WHEN q.failed_login_count > 4 THEN 2
             ELSE 0 END AS opsctl_e1,
       CASE WHEN (TYPEOF(q.failed_login_count) NOT IN ('integer', 'real', 'null')) THEN 1 ELSE 0 END AS opsctl_undecided,
       CASE WHEN q.failed_login_count BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.failed_login_count END AS opsctl_m,
       q.user_name AS opsctl_key_1,
       q.failed_login_count AS opsctl_value_1
FROM (
SELECT user_name, role_name, last_login_time, failed_login_count FROM vw_user_access_monitoring WHERE last_login_time >= DATEADD('day', -1, '2026-11-26 08:00:00') ORDER BY last_login_time DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) NULLS LAST
LIMIT 51;

-- data-access: Monitor data access
-- evaluated on the client: a report step: people read its rows, so all of them come
SELECT user_name, table_name, access_type, access_count, last_access_time FROM vw_data_access_monitoring WHERE last_access_time >= DATEADD('day', -1, '2026-11-26 08:00:00') ORDER BY access_count DESC;

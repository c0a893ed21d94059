-- backup / daily for snowflake as of 2026-11-26 08:00:00 UTC

-- backup-status: Check backup status
-- evaluated in the warehouse, if the result's column types allow
SELECT g.*,
       SUM(g.opsctl_rows) OVER () AS opsctl_total,
       SUM(CASE WHEN g.opsctl_undecided = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_undecided_rows,
       SUM(CASE WHEN g.opsctl_e1 = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_1,
       SUM(CASE WHEN g.opsctl_e1 = 2 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_2,
       SUM(CASE WHEN g.opsctl_e2 = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_2_1,
       SUM(CASE WHEN g.opsctl_e2 = 2 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_2_2,
       SUM(CASE WHEN g.opsctl_e2 = 3 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_2_3
FROM (
SELECT r.opsctl_e1,
       r.opsctl_e2,
       r.opsctl_undecided,
       CASE WHEN r.opsctl_e1 <> 0 OR r.opsctl_e2 <> 0 THEN r.opsctl_key_1 END AS opsctl_key_1,
       CASE WHEN r.opsctl_e1 <> 0 OR r.opsctl_e2 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       CASE WHEN r.opsctl_e1 <> 0 OR r.opsctl_e2 <> 0 THEN r.opsctl_value_2 END AS opsctl_value_2,
       COUNT(*) AS opsctl_rows
FROM (
SELECT CASE WHEN q.backup_status IS NULL THEN 1
             WHEN NOT (TRANSLATE(RTRIM(TO_VARCHAR(q.backup_status), ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') IN ('success')) THEN 2
             ELSE 0 END AS opsctl_e1,
       CASE WHEN q.last_backup_time IS NULL THEN 1
             WHEN q.last_backup_time >= TO_TIMESTAMP_NTZ('2026-11-26 08:05:01') THEN 2
             WHEN q.last_backup_time < TO_TIMESTAMP_NTZ('2026-11-25 08:00:00') THEN 3
             ELSE 0 END AS opsctl_e2,
       0 AS opsctl_undecided,
       q.table_name AS opsctl_key_1,
       q.backup_status AS opsctl_value_1,
       q.last_backup_time AS opsctl_value_2
FROM (
SELECT table_name, last_backup_time, backup_size_gb, backup_status FROM vw_backup_status ORDER BY last_backup_time DESC
) q
) r
GROUP BY 1, 2, 3, 4, 5, 6
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 AND g.opsctl_e2 = 0 THEN 0 ELSE 1 END,
         TO_VARCHAR(g.opsctl_key_1) NULLS LAST,
         TO_VARCHAR(g.opsctl_value_1) NULLS LAST,
         TO_VARCHAR(g.opsctl_value_2) NULLS LAST
LIMIT 51;

-- ml / weekly for snowflake as of 2026-11-26 08:00:00 UTC

-- feature-store-update: Update feature store
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
SELECT CASE WHEN q.latest_date IS NULL THEN 1
             WHEN q.latest_date >= TO_TIMESTAMP_NTZ('2026-11-26 08:05:01') THEN 2
             WHEN q.latest_date < TO_TIMESTAMP_NTZ('2026-11-25 08:00:00') THEN 3
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       q.feature_name AS opsctl_key_1,
       q.latest_date AS opsctl_value_1
FROM (
SELECT feature_name, COUNT(*) AS feature_count, MIN(feature_date) AS earliest_date, MAX(feature_date) AS latest_date FROM tbl_ml_consolidated_feature_store WHERE feature_date >= DATEADD('week', -1, TO_DATE('2026-11-26')) GROUP BY 1 ORDER BY 1
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         TO_VARCHAR(g.opsctl_key_1) NULLS LAST,
         TO_VARCHAR(g.opsctl_value_1) NULLS LAST
LIMIT 51;

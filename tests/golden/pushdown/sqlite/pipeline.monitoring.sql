-- pipeline / monitoring for sqlite as of 2026-11-26 08:00:00 UTC

-- freshness-status: Check data freshness
-- evaluated in the warehouse, if the result's column types allow
SELECT g.*,
       SUM(g.opsctl_rows) OVER () AS opsctl_total,
       SUM(CASE WHEN g.opsctl_undecided = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_undecided_rows,
       SUM(CASE WHEN g.opsctl_e1 = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_1,
       SUM(CASE WHEN g.opsctl_e1 = 2 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_2,
       SUM(CASE WHEN g.opsctl_e1 = 3 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_3,
       MAX(g.opsctl_measure) OVER () AS opsctl_measure_all
FROM (
SELECT r.opsctl_e1,
       r.opsctl_undecided,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_key_1 END AS opsctl_key_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows,
       MAX(r.opsctl_m) AS opsctl_measure
FROM (
SELECT CASE WHEN q.minutes_since_sync IS NULL THEN 1
             WHEN q.minutes_since_sync > 720 THEN 2
             WHEN q.minutes_since_sync > 360 THEN 3
             ELSE 0 END AS opsctl_e1,
       CASE WHEN (TYPEOF(q.minutes_since_sync) NOT IN ('integer', 'real', 'null'))
               OR (TYPEOF(q.minutes_since_sync) NOT IN ('integer', 'real', 'null')) THEN 1 ELSE 0 END AS opsctl_undecided,
       CASE WHEN q.minutes_since_sync BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.minutes_since_sync END AS opsctl_m,
       q.table_name AS opsctl_key_1,
       q.minutes_since_sync AS opsctl_value_1
FROM (
SELECT table_name, minutes_since_sync, CASE WHEN minutes_since_sync <= 60 THEN 'EXCELLENT' WHEN minutes_since_sync <= 360 THEN 'GOOD' WHEN minutes_since_sync <= 720 THEN 'ACCEPTABLE' ELSE 'POOR' END AS freshness_status FROM vw_data_freshness_monitoring ORDER BY minutes_since_sync DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) NULLS LAST
LIMIT 51;

-- dbt-run-results: Check pipeline performance
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
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_show_1 END AS opsctl_show_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows
FROM (
SELECT CASE WHEN q.status IS NULL THEN 1
             WHEN (LOWER(RTRIM(CAST(q.status AS TEXT), ' ')) IN ('error', 'fail')) THEN 2
             WHEN NOT (LOWER(RTRIM(CAST(q.status AS TEXT), ' ')) IN ('success', 'pass')) THEN 3
             ELSE 0 END AS opsctl_e1,
       CASE WHEN (TYPEOF(q.status) NOT IN ('text', 'null'))
               OR (TYPEOF(q.status) NOT IN ('text', 'null')) THEN 1 ELSE 0 END AS opsctl_undecided,
       q.model_name AS opsctl_key_1,
       q.error_message AS opsctl_show_1,
       q.status AS opsctl_value_1
FROM (
SELECT model_name, run_duration_seconds, status, error_message FROM vw_dbt_run_results WHERE last_run_at >= DATEADD('hour', -4, '2026-11-26 08:00:00') ORDER BY run_duration_seconds DESC
) q
) r
GROUP BY 1, 2, 3, 4, 5
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) NULLS LAST
LIMIT 51;

-- null-percentage: Validate data quality
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
SELECT CASE WHEN q.null_percentage IS NULL THEN 1
             WHEN q.null_percentage > 5 THEN 2
             ELSE 0 END AS opsctl_e1,
       CASE WHEN (TYPEOF(q.null_percentage) NOT IN ('integer', 'real', 'null')) THEN 1 ELSE 0 END AS opsctl_undecided,
       CASE WHEN q.null_percentage BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.null_percentage END AS opsctl_m,
       q.table_name AS opsctl_key_1,
       q.null_percentage AS opsctl_value_1
FROM (
SELECT table_name, row_count, null_keys, CASE WHEN row_count = 0 THEN 0.0 ELSE null_keys * 100.0 / row_count END AS null_percentage FROM vw_data_quality_summary WHERE evaluation_timestamp >= DATEADD('hour', -4, '2026-11-26 08:00:00') ORDER BY null_percentage DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) NULLS LAST
LIMIT 51;

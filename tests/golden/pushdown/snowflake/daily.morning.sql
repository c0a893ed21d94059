-- daily / morning for snowflake as of 2026-11-26 08:00:00 UTC

-- data-freshness: Verify data freshness
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
SELECT CASE WHEN q.minutes_since_sync IS NULL THEN 1
             WHEN q.minutes_since_sync > 360 THEN 2
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       CASE WHEN q.minutes_since_sync BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.minutes_since_sync END AS opsctl_m,
       q.table_name AS opsctl_key_1,
       q.minutes_since_sync AS opsctl_value_1
FROM (
SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring ORDER BY minutes_since_sync DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         TO_VARCHAR(g.opsctl_key_1) NULLS LAST,
         TO_VARCHAR(g.opsctl_value_1) NULLS LAST
LIMIT 51;

-- warehouse-status: Check warehouse status
-- evaluated on the client: a report step: people read its rows, so all of them come
SHOW WAREHOUSES;

-- data-quality-sla: Check data quality scores
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
SELECT CASE WHEN q.sla_result IS NULL THEN 1
             WHEN (TRANSLATE(RTRIM(TO_VARCHAR(q.sla_result), ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') IN ('fail')) THEN 2
             WHEN NOT (TRANSLATE(RTRIM(TO_VARCHAR(q.sla_result), ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') IN ('pass')) THEN 3
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       q.table_name AS opsctl_key_1,
       q.evaluation_timestamp AS opsctl_show_1,
       q.sla_result AS opsctl_value_1
FROM (
SELECT table_name, sla_result, row_count, null_keys, evaluation_timestamp FROM vw_data_quality_summary ORDER BY table_name, evaluation_timestamp
) q
) r
GROUP BY 1, 2, 3, 4, 5
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         TO_VARCHAR(g.opsctl_key_1) NULLS LAST,
         TO_VARCHAR(g.opsctl_value_1) NULLS LAST
LIMIT 51;

-- referential-integrity: Verify referential integrity
-- evaluated on the client: no key: an offending row is named by its position in the stream
SELECT * FROM test_foreign_key_constraints;

-- slow-queries: Check query performance
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
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_show_2 END AS opsctl_show_2,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows,
       MAX(r.opsctl_m) AS opsctl_measure
FROM (
SELECT CASE WHEN q.total_elapsed_time_seconds IS NULL THEN 1
             WHEN q.total_elapsed_time_seconds > 300 THEN 2
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       CASE WHEN q.total_elapsed_time_seconds BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.total_elapsed_time_seconds END AS opsctl_m,
       q.query_id AS opsctl_key_1,
       q.query_text AS opsctl_show_1,
       q.start_time AS opsctl_show_2,
       q.total_elapsed_time_seconds AS opsctl_value_1
FROM (
SELECT query_id, query_text, query_type, warehouse_name, start_time, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= DATEADD('hour', -24, TO_TIMESTAMP_NTZ('2026-11-26 08:00:00')) ORDER BY start_time DESC
) q
) r
GROUP BY 1, 2, 3, 4, 5, 6
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         TO_VARCHAR(g.opsctl_key_1) NULLS LAST,
         TO_VARCHAR(g.opsctl_value_1) NULLS LAST
LIMIT 51;

-- warehouse-cost: Monitor warehouse costs
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
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_key_2 END AS opsctl_key_2,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows,
       MAX(r.opsctl_m) AS opsctl_measure
FROM (
SELECT CASE WHEN q.daily_cost_usd IS NULL THEN 1
             WHEN q.daily_cost_usd > 1000 THEN 2
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       CASE WHEN q.daily_cost_usd BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.daily_cost_usd END AS opsctl_m,
       q.warehouse_name AS opsctl_key_1,
       q.cost_date AS opsctl_key_2,
       q.daily_cost_usd AS opsctl_value_1
FROM (
SELECT warehouse_name, cost_date, daily_cost_usd, daily_credits_used, cost_per_credit, cost_trend FROM vw_cost_monitoring WHERE cost_date >= DATEADD('day', -1, TO_DATE('2026-11-26')) ORDER BY cost_date DESC, warehouse_name
) q
) r
GROUP BY 1, 2, 3, 4, 5
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         TO_VARCHAR(g.opsctl_key_1) NULLS LAST,
         TO_VARCHAR(g.opsctl_key_2) NULLS LAST,
         TO_VARCHAR(g.opsctl_value_1) NULLS LAST
LIMIT 51;

-- cost / daily for trino as of 2026-11-26 08:00:00 UTC

-- cost-analysis: Daily cost analysis
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
SELECT warehouse_name, cost_date, daily_cost_usd, daily_credits_used, cost_per_credit, cost_trend FROM vw_cost_monitoring WHERE cost_date >= date_add('day', -7, DATE '2026-11-26') ORDER BY daily_cost_usd DESC
) q
) r
GROUP BY 1, 2, 3, 4, 5
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS VARCHAR) NULLS LAST,
         CAST(g.opsctl_key_2 AS VARCHAR) NULLS LAST,
         CAST(g.opsctl_value_1 AS VARCHAR) NULLS LAST
LIMIT 51;

-- budget: Budget monitoring
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
SELECT CASE WHEN q.budget_utilization_pct IS NULL THEN 1
             WHEN q.budget_utilization_pct > 100 THEN 2
             WHEN q.budget_utilization_pct > 90 THEN 3
             ELSE 0 END AS opsctl_e1,
       0 AS opsctl_undecided,
       CASE WHEN q.budget_utilization_pct BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.budget_utilization_pct END AS opsctl_m,
       q.budget_category AS opsctl_key_1,
       q.budget_utilization_pct AS opsctl_value_1
FROM (
SELECT budget_category, monthly_budget_usd, current_spend_usd, remaining_budget_usd, budget_utilization_pct FROM vw_budget_monitoring WHERE month = date_trunc('month', DATE '2026-11-26') ORDER BY budget_utilization_pct DESC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS VARCHAR) NULLS LAST,
         CAST(g.opsctl_value_1 AS VARCHAR) NULLS LAST
LIMIT 51;

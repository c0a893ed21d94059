-- monthly / month-end for sqlite as of 2026-11-26 08:00:00 UTC

-- growth-report: Comprehensive monthly metrics
-- evaluated on the client: a report step: people read its rows, so all of them come
WITH monthly_metrics AS (SELECT DATE_TRUNC('month', date_key) AS month, COUNT(*) AS total_shipments, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS total_revenue, AVG(profit_margin_pct) AS avg_profit_margin, SUM(total_carbon_emissions_kg) AS total_emissions FROM vw_consolidated_dashboard WHERE date_key >= DATEADD('month', -12, '2026-11-26') GROUP BY 1) SELECT month, total_shipments, avg_on_time_rate, total_revenue, avg_profit_margin, total_emissions, LAG(total_shipments) OVER (ORDER BY month) AS prev_month_shipments, LAG(total_revenue) OVER (ORDER BY month) AS prev_month_revenue, (total_shipments - LAG(total_shipments) OVER (ORDER BY month)) * 100.0 / NULLIF(LAG(total_shipments) OVER (ORDER BY month), 0) AS shipment_growth_pct, (total_revenue - LAG(total_revenue) OVER (ORDER BY month)) * 100.0 / NULLIF(LAG(total_revenue) OVER (ORDER BY month), 0) AS revenue_growth_pct FROM monthly_metrics ORDER BY month;

-- dq-pass-rate: Monthly data quality trends
-- evaluated in the warehouse, if the result's column types allow
SELECT g.*,
       SUM(g.opsctl_rows) OVER () AS opsctl_total,
       SUM(CASE WHEN g.opsctl_undecided = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_undecided_rows,
       SUM(CASE WHEN g.opsctl_e1 = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_1,
       SUM(CASE WHEN g.opsctl_e1 = 2 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_2,
       MIN(g.opsctl_measure) OVER () AS opsctl_measure_all
FROM (
SELECT r.opsctl_e1,
       r.opsctl_undecided,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_key_1 END AS opsctl_key_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows,
       MIN(r.opsctl_m) AS opsctl_measure
FROM (
SELECT CASE WHEN q.pass_rate IS NULL THEN 1
             WHEN q.pass_rate < 0.95 THEN 2
             ELSE 0 END AS opsctl_e1,
       CASE WHEN (TYPEOF(q.pass_rate) NOT IN ('integer', 'real', 'null')) THEN 1 ELSE 0 END AS opsctl_undecided,
       CASE WHEN q.pass_rate BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.pass_rate END AS opsctl_m,
       q.table_name AS opsctl_key_1,
       q.pass_rate AS opsctl_value_1
FROM (
SELECT table_name, AVG(CASE WHEN sla_result = 'PASS' THEN 1.0 ELSE 0.0 END) AS pass_rate, COUNT(*) AS total_checks, SUM(CASE WHEN sla_result = 'FAIL' THEN 1 ELSE 0 END) AS failures FROM vw_data_quality_sla WHERE evaluation_timestamp >= DATEADD('month', -1, '2026-11-26 08:00:00') GROUP BY 1 ORDER BY pass_rate ASC
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) NULLS LAST
LIMIT 51;

-- monthly / month-end for clickhouse

-- growth-report: Comprehensive monthly metrics
WITH monthly_metrics AS (SELECT toStartOfMonth(date_key) AS month, COUNT(*) AS total_shipments, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS total_revenue, AVG(profit_margin_pct) AS avg_profit_margin, SUM(total_carbon_emissions_kg) AS total_emissions FROM vw_consolidated_dashboard WHERE date_key >= addMonths(today(), -12) GROUP BY 1) SELECT month, total_shipments, avg_on_time_rate, total_revenue, avg_profit_margin, total_emissions, LAG(total_shipments) OVER (ORDER BY month) AS prev_month_shipments, LAG(total_revenue) OVER (ORDER BY month) AS prev_month_revenue, (total_shipments - LAG(total_shipments) OVER (ORDER BY month)) * 100.0 / NULLIF(LAG(total_shipments) OVER (ORDER BY month), 0) AS shipment_growth_pct, (total_revenue - LAG(total_revenue) OVER (ORDER BY month)) * 100.0 / NULLIF(LAG(total_revenue) OVER (ORDER BY month), 0) AS revenue_growth_pct FROM monthly_metrics ORDER BY month;

-- dq-pass-rate: Monthly data quality trends
SELECT table_name, AVG(CASE WHEN sla_result = 'PASS' THEN 1.0 ELSE 0.0 END) AS pass_rate, COUNT(*) AS total_checks, SUM(CASE WHEN sla_result = 'FAIL' THEN 1 ELSE 0 END) AS failures FROM vw_data_quality_sla WHERE evaluation_timestamp >= addMonths(now(), -1) GROUP BY 1 ORDER BY pass_rate ASC;

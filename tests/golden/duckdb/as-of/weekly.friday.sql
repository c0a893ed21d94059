-- weekly / friday for duckdb as of 2026-11-26 08:00:00 UTC

-- weekly-summary: Generate weekly business metrics
SELECT 'Weekly Summary' AS report_type, COUNT(DISTINCT customer_id) AS active_customers, COUNT(*) AS total_shipments, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS total_revenue, AVG(profit_margin_pct) AS avg_profit_margin FROM vw_consolidated_dashboard WHERE date_key >= (DATE '2026-11-26' + INTERVAL (7 * (-1)) DAY);

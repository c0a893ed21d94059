-- weekly / friday for mysql

-- weekly-summary: Generate weekly business metrics
SELECT 'Weekly Summary' AS report_type, COUNT(DISTINCT customer_id) AS active_customers, COUNT(*) AS total_shipments, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS total_revenue, AVG(profit_margin_pct) AS avg_profit_margin FROM vw_consolidated_dashboard WHERE date_key >= DATE_ADD(CURRENT_DATE, INTERVAL (-1) WEEK);

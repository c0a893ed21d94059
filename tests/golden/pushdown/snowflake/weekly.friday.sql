-- weekly / friday for snowflake as of 2026-11-26 08:00:00 UTC

-- weekly-summary: Generate weekly business metrics
-- evaluated on the client: a report step: people read its rows, so all of them come
SELECT 'Weekly Summary' AS report_type, COUNT(DISTINCT customer_id) AS active_customers, COUNT(*) AS total_shipments, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS total_revenue, AVG(profit_margin_pct) AS avg_profit_margin FROM vw_consolidated_dashboard WHERE date_key >= DATEADD('week', -1, TO_DATE('2026-11-26'));

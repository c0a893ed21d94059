-- monthly / planning for sqlite as of 2026-11-26 08:00:00 UTC

-- monthly-metrics: Monthly business metrics
-- evaluated on the client: a report step: people read its rows, so all of them come
SELECT DATE_TRUNC('month', date_key) AS month, COUNT(DISTINCT customer_id) AS active_customers, COUNT(*) AS total_shipments, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS monthly_revenue, AVG(profit_margin_pct) AS avg_profit_margin, SUM(total_carbon_emissions_kg) AS total_emissions FROM vw_consolidated_dashboard WHERE date_key >= DATEADD('month', -12, '2026-11-26') GROUP BY 1 ORDER BY 1;

-- monthly-cost: Monthly cost analysis
-- evaluated on the client: a report step: people read its rows, so all of them come
SELECT DATE_TRUNC('month', cost_date) AS month, SUM(estimated_daily_cost_usd) AS monthly_cost, AVG(credits_used_compute) AS avg_compute_credits, AVG(credits_used_cloud_services) AS avg_cloud_credits FROM vw_cost_monitoring WHERE cost_date >= DATEADD('month', -12, '2026-11-26') GROUP BY 1 ORDER BY 1;

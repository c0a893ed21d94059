-- weekly / monday for duckdb

-- weekly-performance: Weekly performance summary
SELECT date_trunc('week', date_key) AS week, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS weekly_revenue, AVG(profit_margin_pct) AS avg_profit_margin FROM vw_consolidated_dashboard WHERE date_key >= (current_date + INTERVAL (7 * (-4)) DAY) GROUP BY 1 ORDER BY 1;

-- weekly / monday for mysql

-- weekly-performance: Weekly performance summary
SELECT DATE_SUB(CAST(date_key AS DATE), INTERVAL WEEKDAY(date_key) DAY) AS week, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS weekly_revenue, AVG(profit_margin_pct) AS avg_profit_margin FROM vw_consolidated_dashboard WHERE date_key >= DATE_ADD(CURRENT_DATE, INTERVAL (-4) WEEK) GROUP BY 1 ORDER BY 1;

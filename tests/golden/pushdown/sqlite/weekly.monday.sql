-- weekly / monday for sqlite as of 2026-11-26 08:00:00 UTC

-- weekly-performance: Weekly performance summary
-- evaluated on the client: a report step: people read its rows, so all of them come
SELECT DATE_TRUNC('week', date_key) AS week, AVG(on_time_rate_pct) AS avg_on_time_rate, SUM(total_revenue_usd) AS weekly_revenue, AVG(profit_margin_pct) AS avg_profit_margin FROM vw_consolidated_dashboard WHERE date_key >= DATEADD('week', -4, '2026-11-26') GROUP BY 1 ORDER BY 1;

-- cost / daily for sqlite

-- cost-analysis: Daily cost analysis
SELECT warehouse_name, cost_date, daily_cost_usd, daily_credits_used, cost_per_credit, cost_trend FROM vw_cost_monitoring WHERE cost_date >= DATEADD('day', -7, CURRENT_DATE) ORDER BY daily_cost_usd DESC;

-- budget: Budget monitoring
SELECT budget_category, monthly_budget_usd, current_spend_usd, remaining_budget_usd, budget_utilization_pct FROM vw_budget_monitoring WHERE month = DATE_TRUNC('month', CURRENT_DATE) ORDER BY budget_utilization_pct DESC;

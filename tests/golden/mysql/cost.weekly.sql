-- cost / weekly for mysql

-- cost-optimization: Cost optimization opportunities
SELECT optimization_type, potential_savings_usd, implementation_effort, priority_level FROM vw_cost_optimization_opportunities WHERE status = 'ACTIVE' ORDER BY potential_savings_usd DESC;

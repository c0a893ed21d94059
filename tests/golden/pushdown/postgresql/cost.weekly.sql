-- cost / weekly for postgresql as of 2026-11-26 08:00:00 UTC

-- cost-optimization: Cost optimization opportunities
-- evaluated on the client: a report step: people read its rows, so all of them come
SELECT optimization_type, potential_savings_usd, implementation_effort, priority_level FROM vw_cost_optimization_opportunities WHERE status = 'ACTIVE' ORDER BY potential_savings_usd DESC;

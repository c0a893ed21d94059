-- security / weekly for sqlserver as of 2026-11-26 08:00:00 UTC

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= DATEADD(week, -1, CAST('2026-11-26' AS DATE)) ORDER BY status DESC;

-- security / weekly for sqlserver

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= DATEADD(week, -1, CAST(GETDATE() AS DATE)) ORDER BY status DESC;

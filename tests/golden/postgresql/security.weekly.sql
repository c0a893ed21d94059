-- security / weekly for postgresql

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= (CURRENT_DATE + (-1) * INTERVAL '1 week') ORDER BY status DESC;

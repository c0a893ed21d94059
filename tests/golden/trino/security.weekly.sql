-- security / weekly for trino

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= date_add('week', -1, current_date) ORDER BY status DESC;

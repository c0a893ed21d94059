-- security / weekly for duckdb

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= (current_date + INTERVAL (7 * (-1)) DAY) ORDER BY status DESC;

-- security / weekly for clickhouse

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= addWeeks(today(), -1) ORDER BY status DESC;

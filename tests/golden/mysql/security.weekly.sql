-- security / weekly for mysql

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= DATE_ADD(CURRENT_DATE, INTERVAL (-1) WEEK) ORDER BY status DESC;

-- security / weekly for snowflake

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= DATEADD('week', -1, CURRENT_DATE()) ORDER BY status DESC;

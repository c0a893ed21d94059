-- security / weekly for mysql as of 2026-11-26 08:00:00 UTC

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= DATE_ADD(DATE '2026-11-26', INTERVAL (-1) WEEK) ORDER BY status DESC;

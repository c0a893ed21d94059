-- security / weekly for duckdb as of 2026-11-26 08:00:00 UTC

-- security-assessment: Security assessment
SELECT security_metric, current_value, threshold, status FROM vw_security_monitoring WHERE evaluation_date >= (DATE '2026-11-26' + INTERVAL (7 * (-1)) DAY) ORDER BY status DESC;

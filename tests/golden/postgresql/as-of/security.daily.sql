-- security / daily for postgresql as of 2026-11-26 08:00:00 UTC

-- user-access: Monitor user access
SELECT user_name, role_name, last_login_time, failed_login_count FROM vw_user_access_monitoring WHERE last_login_time >= (TIMESTAMP '2026-11-26 08:00:00' + (-1) * INTERVAL '1 day') ORDER BY last_login_time DESC;

-- data-access: Monitor data access
SELECT user_name, table_name, access_type, access_count, last_access_time FROM vw_data_access_monitoring WHERE last_access_time >= (TIMESTAMP '2026-11-26 08:00:00' + (-1) * INTERVAL '1 day') ORDER BY access_count DESC;

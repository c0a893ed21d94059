-- security / daily for sqlite

-- user-access: Monitor user access
SELECT user_name, role_name, last_login_time, failed_login_count FROM vw_user_access_monitoring WHERE last_login_time >= DATEADD('day', -1, CURRENT_TIMESTAMP) ORDER BY last_login_time DESC;

-- data-access: Monitor data access
SELECT user_name, table_name, access_type, access_count, last_access_time FROM vw_data_access_monitoring WHERE last_access_time >= DATEADD('day', -1, CURRENT_TIMESTAMP) ORDER BY access_count DESC;

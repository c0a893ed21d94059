-- backup / daily for clickhouse

-- backup-status: Check backup status
SELECT table_name, last_backup_time, backup_size_gb, backup_status FROM vw_backup_status ORDER BY last_backup_time DESC;

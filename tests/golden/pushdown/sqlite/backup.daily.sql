-- backup / daily for sqlite as of 2026-11-26 08:00:00 UTC

-- backup-status: Check backup status
-- evaluated on the client: fail_older_than: sqlite keeps times as text, parsed on the client
SELECT table_name, last_backup_time, backup_size_gb, backup_status FROM vw_backup_status ORDER BY last_backup_time DESC;

-- ml / weekly for sqlite as of 2026-11-26 08:00:00 UTC

-- feature-store-update: Update feature store
-- evaluated on the client: fail_older_than: sqlite keeps times as text, parsed on the client
SELECT feature_name, COUNT(*) AS feature_count, MIN(feature_date) AS earliest_date, MAX(feature_date) AS latest_date FROM tbl_ml_consolidated_feature_store WHERE feature_date >= DATEADD('week', -1, '2026-11-26') GROUP BY 1 ORDER BY 1;

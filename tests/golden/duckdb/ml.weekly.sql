-- ml / weekly for duckdb

-- feature-store-update: Update feature store
SELECT feature_name, COUNT(*) AS feature_count, MIN(feature_date) AS earliest_date, MAX(feature_date) AS latest_date FROM tbl_ml_consolidated_feature_store WHERE feature_date >= (current_date + INTERVAL (7 * (-1)) DAY) GROUP BY 1 ORDER BY 1;

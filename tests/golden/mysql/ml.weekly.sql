-- ml / weekly for mysql

-- feature-store-update: Update feature store
SELECT feature_name, COUNT(*) AS feature_count, MIN(feature_date) AS earliest_date, MAX(feature_date) AS latest_date FROM tbl_ml_consolidated_feature_store WHERE feature_date >= DATE_ADD(CURRENT_DATE, INTERVAL (-1) WEEK) GROUP BY 1 ORDER BY 1;

-- daily / afternoon for sqlite

-- shipments-today: Verify daily data completeness
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE DATE(pickup_date) = CURRENT_DATE;

-- ml-feature-freshness: Check ML feature freshness
SELECT MAX(feature_date) AS latest_features FROM tbl_ml_consolidated_feature_store;

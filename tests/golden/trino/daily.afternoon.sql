-- daily / afternoon for trino

-- shipments-today: Verify daily data completeness
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE CAST(pickup_date AS DATE) = current_date;

-- ml-feature-freshness: Check ML feature freshness
SELECT MAX(feature_date) AS latest_features FROM tbl_ml_consolidated_feature_store;

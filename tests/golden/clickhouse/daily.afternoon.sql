-- daily / afternoon for clickhouse

-- shipments-today: Verify daily data completeness
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE toDate(pickup_date) = today();

-- ml-feature-freshness: Check ML feature freshness
SELECT MAX(feature_date) AS latest_features FROM tbl_ml_consolidated_feature_store;

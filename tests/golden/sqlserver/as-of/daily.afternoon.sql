-- daily / afternoon for sqlserver as of 2026-11-26 08:00:00 UTC

-- shipments-today: Verify daily data completeness
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE CAST(pickup_date AS DATE) = CAST('2026-11-26' AS DATE);

-- ml-feature-freshness: Check ML feature freshness
SELECT MAX(feature_date) AS latest_features FROM tbl_ml_consolidated_feature_store;

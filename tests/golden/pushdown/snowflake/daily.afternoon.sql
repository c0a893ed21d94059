-- daily / afternoon for snowflake as of 2026-11-26 08:00:00 UTC

-- shipments-today: Verify daily data completeness
-- evaluated on the client: no key: an offending row is named by its position in the stream
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE DATE(pickup_date) = TO_DATE('2026-11-26');

-- ml-feature-freshness: Check ML feature freshness
-- evaluated on the client: no key: an offending row is named by its position in the stream
SELECT MAX(feature_date) AS latest_features FROM tbl_ml_consolidated_feature_store;

-- incident / p1 for databricks as of 2026-11-26 08:00:00 UTC

-- shipments-today: Verify data integrity
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE CAST(pickup_date AS DATE) = DATE '2026-11-26';

-- warehouse-status: Check warehouse status
-- skipped: no SQL for dialect databricks

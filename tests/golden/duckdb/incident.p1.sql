-- incident / p1 for duckdb

-- shipments-today: Verify data integrity
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE CAST(pickup_date AS DATE) = current_date;

-- warehouse-status: Check warehouse status
-- skipped: no SQL for dialect duckdb

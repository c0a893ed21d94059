-- incident / p1 for mysql

-- shipments-today: Verify data integrity
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE CAST(pickup_date AS DATE) = CURRENT_DATE;

-- warehouse-status: Check warehouse status
-- skipped: no SQL for dialect mysql

-- incident / p1 for clickhouse

-- shipments-today: Verify data integrity
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE toDate(pickup_date) = today();

-- warehouse-status: Check warehouse status
-- skipped: no SQL for dialect clickhouse

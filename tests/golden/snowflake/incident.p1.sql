-- incident / p1 for snowflake

-- shipments-today: Verify data integrity
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE DATE(pickup_date) = CURRENT_DATE();

-- warehouse-status: Check warehouse status
SHOW WAREHOUSES;

-- incident / p1 for sqlite as of 2026-11-26 08:00:00 UTC

-- shipments-today: Verify data integrity
-- evaluated on the client: no key: an offending row is named by its position in the stream
SELECT COUNT(*) AS shipment_count FROM tbl_fact_shipments WHERE DATE(pickup_date) = '2026-11-26';

-- warehouse-status: Check warehouse status
-- skipped: no SQL for dialect sqlite

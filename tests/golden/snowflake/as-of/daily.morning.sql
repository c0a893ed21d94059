-- daily / morning for snowflake as of 2026-11-26 08:00:00 UTC

-- data-freshness: Verify data freshness
SELECT table_name, minutes_since_sync FROM vw_data_freshness_monitoring ORDER BY minutes_since_sync DESC;

-- warehouse-status: Check warehouse status
SHOW WAREHOUSES;

-- data-quality-sla: Check data quality scores
SELECT table_name, sla_result, row_count, null_keys, evaluation_timestamp FROM vw_data_quality_summary ORDER BY table_name, evaluation_timestamp;

-- referential-integrity: Verify referential integrity
SELECT * FROM test_foreign_key_constraints;

-- slow-queries: Check query performance
SELECT query_id, query_text, query_type, warehouse_name, start_time, total_elapsed_time_seconds, bytes_scanned, rows_produced FROM vw_performance_monitoring WHERE start_time >= DATEADD('hour', -24, TO_TIMESTAMP_NTZ('2026-11-26 08:00:00')) ORDER BY start_time DESC;

-- warehouse-cost: Monitor warehouse costs
SELECT warehouse_name, cost_date, daily_cost_usd, daily_credits_used, cost_per_credit, cost_trend FROM vw_cost_monitoring WHERE cost_date >= DATEADD('day', -1, TO_DATE('2026-11-26')) ORDER BY cost_date DESC, warehouse_name;

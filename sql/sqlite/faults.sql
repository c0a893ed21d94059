-- opsctl stand-in warehouse: faults (SQLite 3.40)
--
-- The same faults as sql/postgresql/faults.sql.  Applied on top of the
-- healthy data of data.sql (same anchor).  Each block adds rows under keys
-- that do not exist in the healthy data (or deletes rows) so that every
-- threshold step of the runbooks fails or warns at least once, on exactly the
-- keys listed in sql/README.md.  Steps named below are "checklist step-id".

-- Stale table: 1500 minutes since the last sync, and a table never synced
-- (NULL minutes).  Trips daily/morning data-freshness (fail_above 360, NULL
-- fails) and pipeline/monitoring freshness-status (fail_above 720, NULL fails).
INSERT INTO vw_data_freshness_monitoring (table_name, source_system, last_sync_time, minutes_since_sync)
SELECT 'tbl_stale_carrier_events', 'carrier_api', datetime(m.anchor, '-1500 minutes'), 1500
FROM standin_meta m
UNION ALL
SELECT 'tbl_never_synced_returns', 'returns_api', NULL, NULL
FROM standin_meta m;

-- Failed SLA: tbl_dq_failed_invoices evaluated 'FAIL' 70 minutes ago (no
-- nulls, so only the SLA result trips).  Trips daily/morning and incident/p2
-- data-quality-sla (fail_if FAIL).
INSERT INTO vw_data_quality_summary (table_name, sla_result, row_count, null_keys, evaluation_timestamp)
SELECT 'tbl_dq_failed_invoices', 'FAIL', 5000, 0, datetime(m.anchor, '-70 minutes')
FROM standin_meta m;

-- The same table fails 5 of its 20 daily SLA checks of the last 20 days:
-- pass_rate 0.75.  Trips monthly/month-end dq-pass-rate (warn_below 0.95).
INSERT INTO vw_data_quality_sla (table_name, sla_name, sla_result, evaluation_timestamp)
WITH RECURSIVE g (k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM g WHERE k < 19)
SELECT 'tbl_dq_failed_invoices', 'daily_completeness',
       CASE WHEN g.k % 4 = 0 THEN 'FAIL' ELSE 'PASS' END,
       datetime(m.anchor, '-' || (125 + 1440 * g.k) || ' minutes')
FROM standin_meta m CROSS JOIN g;

-- Null percentage: tbl_null_heavy_consignees at 12 % null keys 75 minutes
-- ago (SLA 'PASS').  Trips pipeline/monitoring null-percentage and
-- weekly/wednesday null-percentage-trend (warn_above 5).
INSERT INTO vw_data_quality_summary (table_name, sla_result, row_count, null_keys, evaluation_timestamp)
SELECT 'tbl_null_heavy_consignees', 'PASS', 10000, 1200, datetime(m.anchor, '-75 minutes')
FROM standin_meta m;

-- Referential integrity: orphaned invoices.  Trips daily/morning
-- referential-integrity (fail_if FAIL).
INSERT INTO test_foreign_key_constraints (test_name, child_table, parent_table, orphan_rows, test_result, tested_at)
SELECT 'fk_invoices_shipment', 'tbl_fact_invoices', 'tbl_fact_shipments', 37, 'FAIL',
       datetime(m.anchor, '-50 minutes')
FROM standin_meta m;

-- Slow query: 1200 s, started 30 minutes ago, of a query type the healthy data
-- never uses.  Trips daily/morning and incident/p2 slow-queries (fail_above
-- 300, key q-fault-1200s), performance/realtime query-performance
-- (max_duration fail_above 300, key CREATE_TABLE_AS_SELECT),
-- monthly/mid-month slow-queries-month and performance/weekly
-- slow-queries-week (warn_above 60, key q-fault-1200s).
INSERT INTO vw_performance_monitoring (query_id, query_text, query_type, warehouse_name, user_name, start_time,
    total_elapsed_time_seconds, bytes_scanned, rows_produced, credits_used_compute, credits_used_cloud_services)
SELECT 'q-fault-1200s',
       'CREATE TABLE tmp_lane_matrix AS SELECT a.*, b.* FROM tbl_fact_shipments a CROSS JOIN tbl_dim_location b',
       'CREATE_TABLE_AS_SELECT', 'TRANSFORM_WH', 'carol.ml', datetime(m.anchor, '-30 minutes'),
       1200.0, 5497558138880, 80000000, 2.6667, 0.012
FROM standin_meta m;

-- Cost: a new warehouse costing 1500 USD on the anchor's date.  Trips
-- daily/morning warehouse-cost (key ADHOC_SPIKE_WH + anchor date) and
-- cost/daily cost-analysis (key ADHOC_SPIKE_WH), both fail_above 1000.
INSERT INTO vw_cost_monitoring (warehouse_name, cost_date, daily_cost_usd, estimated_daily_cost_usd, daily_credits_used,
    cost_per_credit, cost_trend, credits_used_compute, credits_used_cloud_services)
SELECT 'ADHOC_SPIKE_WH', date(m.anchor), 1500.00, 1500.00, 600, 2.50, 'UP', 540, 60
FROM standin_meta m;

-- Budget: a category at 105 % this month.  Trips cost/daily budget
-- (fail_above 100; it is also above the warn line of 90).
INSERT INTO vw_budget_monitoring (budget_category, month, monthly_budget_usd, current_spend_usd,
    remaining_budget_usd, budget_utilization_pct)
SELECT 'adhoc_analytics', date(m.anchor, 'start of month'), 5000.00, 5250.00, -250.00, 105.00
FROM standin_meta m;

-- Shipments: nothing picked up on the anchor's date.  Trips daily/afternoon
-- and incident/p1 shipments-today (shipment_count 0, fail_below 1).
DELETE FROM tbl_fact_shipments
WHERE date(pickup_date) = (SELECT date(anchor) FROM standin_meta);

-- Feature store: the newest feature_date becomes anchor date - 3 days.
-- Trips daily/afternoon ml-feature-freshness (latest_features 3 days old,
-- fail_older_than 1d) and ml/weekly feature-store-update, for every feature
-- (each latest_date = anchor date - 3 days).
DELETE FROM tbl_ml_consolidated_feature_store
WHERE feature_date > (SELECT date(anchor, '-3 days') FROM standin_meta);

-- Feature drift: port_congestion_index drifted 0.45 over a threshold of 0.20
-- two hours ago.  Trips ml/daily feature-drift (fail_above_column threshold).
INSERT INTO vw_ml_feature_monitoring (feature_name, drift_score, threshold, evaluation_timestamp)
SELECT 'port_congestion_index', 0.45, 0.20, datetime(m.anchor, '-2 hours')
FROM standin_meta m;

-- Low confidence: eta_predictor_canary made 24 predictions in the last 12
-- hours at 0.50 / 0.60 alternately (average 0.55).  Trips ml/daily
-- prediction-confidence (avg_confidence warn_below 0.7).
INSERT INTO vw_ml_real_time_features (prediction_id, model_name, confidence_score, prediction_timestamp)
WITH RECURSIVE g (k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM g WHERE k < 23)
SELECT 900000 + g.k, 'eta_predictor_canary',
       CASE WHEN g.k % 2 = 0 THEN 0.50 ELSE 0.60 END,
       datetime(m.anchor, '-' || (7 + 30 * g.k) || ' minutes')
FROM standin_meta m CROSS JOIN g;

-- dbt: a model run that ended in 'error' 90 minutes ago, and the model
-- downstream of it 'skipped' (dbt's statuses, lower case).  Trip
-- pipeline/monitoring dbt-run-results: the error fails (fail_if error, fail),
-- the skipped model warns (warn_unless success, pass).
INSERT INTO vw_dbt_run_results (model_name, run_duration_seconds, status, error_message, last_run_at)
SELECT 'fct_customs_clearance', 0.0, 'skipped', NULL, datetime(m.anchor, '-89 minutes')
FROM standin_meta m
UNION ALL
SELECT 'int_customs_declarations', 12.0, 'error',
       'Database Error in model int_customs_declarations: relation "raw.customs_declarations" does not exist',
       datetime(m.anchor, '-90 minutes')
FROM standin_meta m;

-- dbt: a model taking 600 s a run, daily for the last 6 days (the newest 5 h
-- ago, outside the 4-hour window, 'success').  Trips pipeline/maintenance
-- slow-models (avg_duration warn_above 300).
INSERT INTO vw_dbt_run_results (model_name, run_duration_seconds, status, error_message, last_run_at)
WITH RECURSIVE g (k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM g WHERE k < 5)
SELECT 'fct_route_optimization', 600.0, 'success', NULL,
       datetime(m.anchor, '-' || (300 + 1440 * g.k) || ' minutes')
FROM standin_meta m CROSS JOIN g;

-- Backups: one table whose latest backup FAILED (recent), another whose
-- latest (successful) backup is 3 days old.  Trips backup/daily backup-status
-- (fail_unless SUCCESS; fail_older_than 24h).
INSERT INTO vw_backup_status (table_name, last_backup_time, backup_size_gb, backup_status)
SELECT 'tbl_customs_documents', datetime(m.anchor, '-130 minutes'), 40.0, 'FAILED'
FROM standin_meta m
UNION ALL
SELECT 'tbl_archived_manifests', datetime(m.anchor, '-3 days'), 210.0, 'SUCCESS'
FROM standin_meta m;

-- Security: a user with 7 failed logins who logged in 3 hours ago.  Trips
-- security/daily user-access (failed_login_count warn_above 4).
INSERT INTO vw_user_access_monitoring (user_name, role_name, last_login_time, failed_login_count)
SELECT 'mallory.external', 'PUBLIC', datetime(m.anchor, '-3 hours'), 7
FROM standin_meta m;

-- Security: a failing posture metric today.  Trips security/weekly
-- security-assessment (status fail_if FAIL).
INSERT INTO vw_security_monitoring (security_metric, current_value, threshold, status, evaluation_date)
SELECT 'unencrypted_external_stages', 2, 0, 'FAIL', date(m.anchor)
FROM standin_meta m;

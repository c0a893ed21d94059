-- opsctl stand-in warehouse: healthy demo data (PostgreSQL 15)
--
-- Requires schema.sql and the single standin_meta row (anchor, scale, faults).
-- Everything is derived from standin_meta: times are relative to the anchor
-- (the checks run "as of" the anchor: today = CAST(anchor AS date)), and
-- tbl_fact_shipments gets exactly standin_meta.scale rows.  Deterministic:
-- no random(); every value is arithmetic on generate_series indexes.
--
-- With this data every threshold step of every runbook passes, and every
-- time-windowed step has rows in its window.  The edge cases below (marked
-- EDGE) sit exactly on a threshold or just outside a window; they must pass.
-- The table of edge cases is in sql/README.md.
--
-- Name lists shared by several relations (healthy keys):
--   tables   : tbl_fact_shipments, tbl_dim_customer, tbl_dim_carrier,
--              tbl_dim_location, tbl_fact_route_performance,
--              tbl_ml_consolidated_feature_store, tbl_lieferstatus_ü_配送,
--              tbl_stg_empty_returns
--   warehouses: TRANSFORM_WH, REPORTING_WH, LOADING_WH, ML_WH

-- 1. vw_data_freshness_monitoring: minutes since the last sync, 5..55
--    except EDGE tbl_fact_route_performance at exactly 360 (data-freshness
--    fail_above 360 and freshness-status warn_above 360 both pass), and a
--    Unicode table name.
INSERT INTO vw_data_freshness_monitoring (table_name, source_system, last_sync_time, minutes_since_sync)
WITH t (table_name, source_system, minutes) AS (
    VALUES ('tbl_fact_shipments',                'tms_postgres',   15),
           ('tbl_dim_customer',                  'crm_salesforce', 55),
           ('tbl_dim_carrier',                   'carrier_api',     5),
           ('tbl_dim_location',                  'geo_service',    30),
           ('tbl_fact_route_performance',        'telematics_s3', 360),  -- EDGE: exactly 360
           ('tbl_ml_consolidated_feature_store', 'feature_jobs',   45),
           ('tbl_lieferstatus_ü_配送',            'partner_sftp',   20),  -- EDGE: Unicode name
           ('tbl_stg_empty_returns',             'returns_api',    10)
)
SELECT t.table_name, t.source_system,
       m.anchor - t.minutes * INTERVAL '1 minute',
       t.minutes
FROM standin_meta m CROSS JOIN t;

-- 2. vw_data_quality_summary: every 6 hours for 14 days (k = 0..55), the
--    newest at anchor - 1 h (inside the 4-hour window), all 'PASS'.
--    Null percentages 0..4.5 %, except
--    EDGE tbl_dim_location: exactly 5.0 % on every row (null-percentage and
--         null-percentage-trend warn_above 5 pass);
--    EDGE tbl_stg_empty_returns: row_count 0, null_keys 0 (zero-row safe).
INSERT INTO vw_data_quality_summary (table_name, sla_result, row_count, null_keys, evaluation_timestamp)
WITH t (idx, table_name) AS (
    VALUES (1, 'tbl_fact_shipments'), (2, 'tbl_dim_customer'), (3, 'tbl_dim_carrier'),
           (4, 'tbl_dim_location'), (5, 'tbl_fact_route_performance'),
           (6, 'tbl_ml_consolidated_feature_store'), (7, 'tbl_lieferstatus_ü_配送'),
           (8, 'tbl_stg_empty_returns')
),
r AS (
    SELECT t.idx, t.table_name, g.k, m.anchor,
           CASE WHEN t.table_name = 'tbl_stg_empty_returns' THEN 0
                WHEN t.table_name = 'tbl_dim_location'      THEN 20000 + 100 * g.k
                ELSE 100000 * t.idx + 250 * g.k END AS row_count
    FROM standin_meta m CROSS JOIN t CROSS JOIN generate_series(0, 55) AS g(k)
)
SELECT r.table_name, 'PASS', r.row_count,
       CASE WHEN r.table_name = 'tbl_dim_location' THEN r.row_count / 20
            ELSE r.row_count * ((r.k * 7 + r.idx * 3) % 46) / 1000 END,
       r.anchor - (60 + 360 * r.k + r.idx) * INTERVAL '1 minute'
FROM r;

-- 3. test_foreign_key_constraints: the dbt relationships tests, all 'PASS'.
INSERT INTO test_foreign_key_constraints (test_name, child_table, parent_table, orphan_rows, test_result, tested_at)
WITH t (test_name, child_table, parent_table) AS (
    VALUES ('fk_shipments_customer',             'tbl_fact_shipments',         'tbl_dim_customer'),
           ('fk_shipments_carrier',              'tbl_fact_shipments',         'tbl_dim_carrier'),
           ('fk_shipments_origin_location',      'tbl_fact_shipments',         'tbl_dim_location'),
           ('fk_shipments_destination_location', 'tbl_fact_shipments',         'tbl_dim_location'),
           ('fk_route_performance_carrier',      'tbl_fact_route_performance', 'tbl_dim_carrier'),
           ('fk_lieferstatus_shipment',          'tbl_lieferstatus_ü_配送',     'tbl_fact_shipments')
)
SELECT t.test_name, t.child_table, t.parent_table, 0, 'PASS', m.anchor - INTERVAL '50 minutes'
FROM standin_meta m CROSS JOIN t;

-- 4. vw_performance_monitoring: a query every 10 minutes for 35 days
--    (k = 1..5040), 0.5..55.49 s each, so no query in the last month is above
--    60 s (slow-queries-month / slow-queries-week warn_above 60 pass) and the
--    last hour holds SELECT/INSERT/MERGE/COPY queries.
INSERT INTO vw_performance_monitoring (query_id, query_text, query_type, warehouse_name, user_name, start_time,
    total_elapsed_time_seconds, bytes_scanned, rows_produced, credits_used_compute, credits_used_cloud_services)
SELECT 'q' || (1000000 + g.k),
       CASE g.k % 4 WHEN 0 THEN 'SELECT * FROM vw_consolidated_dashboard WHERE date_key >= :1'
                    WHEN 1 THEN 'INSERT INTO tbl_fact_shipments SELECT * FROM stg_shipments'
                    WHEN 2 THEN 'MERGE INTO tbl_dim_customer USING stg_customers ON ...'
                    ELSE        'COPY INTO stg_carrier_events FROM @carrier_stage' END,
       CASE g.k % 4 WHEN 0 THEN 'SELECT' WHEN 1 THEN 'INSERT' WHEN 2 THEN 'MERGE' ELSE 'COPY' END,
       CASE (g.k / 4) % 4 WHEN 0 THEN 'REPORTING_WH' WHEN 1 THEN 'TRANSFORM_WH'
                          WHEN 2 THEN 'LOADING_WH' ELSE 'ML_WH' END,
       CASE g.k % 3 WHEN 0 THEN 'svc_dbt' WHEN 1 THEN 'svc_airflow' ELSE 'bob.analyst' END,
       m.anchor - (600 * g.k + (g.k % 7) * 13) * INTERVAL '1 second',
       0.5 + ((g.k * 97) % 5500) / 100.0,
       ((g.k * 7919) % 50000) * CAST(65536 AS bigint),
       (g.k * 113) % 100000,
       (50 + (g.k * 97) % 5500) / 100000.0,
       (g.k % 10) / 10000.0
FROM standin_meta m CROSS JOIN generate_series(1, 5040) AS g(k);

INSERT INTO vw_performance_monitoring (query_id, query_text, query_type, warehouse_name, user_name, start_time,
    total_elapsed_time_seconds, bytes_scanned, rows_produced, credits_used_compute, credits_used_cloud_services)
-- EDGE q-edge-900s-40d: 900 s but started 40 days ago, outside every window
--      (slow-queries 24 h, slow-queries-week, slow-queries-month, last hour).
SELECT 'q-edge-900s-40d', 'SELECT customer_id, SUM(revenue_usd) FROM tbl_fact_shipments GROUP BY 1',
       'SELECT', 'REPORTING_WH', 'bob.analyst', m.anchor - INTERVAL '40 days',
       900.0, 987654321000, 25000, 0.25, 0.002
FROM standin_meta m
UNION ALL
-- EDGE q-edge-60s-last-hour: exactly 60 s, 20 minutes ago (slow-queries-week /
--      slow-queries-month warn_above 60, slow-queries / query-performance
--      fail_above 300: all pass).
SELECT 'q-edge-60s-last-hour', 'SELECT * FROM vw_consolidated_dashboard WHERE date_key >= :1',
       'SELECT', 'REPORTING_WH', 'dave.bi', m.anchor - INTERVAL '20 minutes',
       60.0, 12345678900, 5200, 0.0167, 0.0004
FROM standin_meta m;

-- 5. vw_cost_monitoring: one row per warehouse per day, today and the 394
--    days before (k = 0..394); cost = credits * 2.50, at most 699.75 USD,
--    EDGE LOADING_WH yesterday: exactly 1000.00 (warehouse-cost and
--         cost-analysis fail_above 1000 pass);
--    EDGE REPORTING_WH 10 days ago: 1500.00, outside the 1-day and 7-day
--         windows.
INSERT INTO vw_cost_monitoring (warehouse_name, cost_date, daily_cost_usd, estimated_daily_cost_usd, daily_credits_used,
    cost_per_credit, cost_trend, credits_used_compute, credits_used_cloud_services)
WITH w (idx, warehouse_name) AS (
    VALUES (1, 'TRANSFORM_WH'), (2, 'REPORTING_WH'), (3, 'LOADING_WH'), (4, 'ML_WH')
),
r AS (
    SELECT w.warehouse_name, g.k, CAST(m.anchor AS date) - g.k AS cost_date,
           CASE WHEN w.warehouse_name = 'LOADING_WH'   AND g.k = 1  THEN 400.0   -- EDGE 1000.00 USD
                WHEN w.warehouse_name = 'REPORTING_WH' AND g.k = 10 THEN 600.0   -- EDGE 1500.00 USD
                ELSE 40 * w.idx + (g.k * 17 + w.idx * 31) % 120 + (g.k % 10) / 10.0 END AS credits
    FROM standin_meta m CROSS JOIN w CROSS JOIN generate_series(0, 394) AS g(k)
)
SELECT r.warehouse_name, r.cost_date, r.credits * 2.5, r.credits * 2.5, r.credits, 2.50,
       CASE r.k % 3 WHEN 0 THEN 'STABLE' WHEN 1 THEN 'UP' ELSE 'DOWN' END,
       r.credits * 0.9, r.credits * 0.1
FROM r;

-- 6. tbl_fact_shipments: exactly standin_meta.scale rows.  Shipments 1..5 are
--    picked up 0..4 minutes before the anchor and shipment 6 five minutes
--    before, so the anchor's date has shipments at or before the anchor even
--    at 00:05 (shipments-today fail_below 1 passes); the rest are spread
--    evenly over the 395 days (34,128,000 s) before that: every day of the
--    last ~13 months has shipments once scale is a few thousand.
INSERT INTO tbl_fact_shipments (shipment_id, pickup_date, customer_id, carrier_id, origin_location_id,
    destination_location_id, distance_km, weight_kg, transit_hours, on_time_flag, revenue_usd, cost_usd,
    carbon_emissions_kg)
SELECT s.i,
       s.anchor - s.off * INTERVAL '1 second',
       1 + (s.i * 7919) % 25000,
       1 + s.i % 40,
       1 + (s.i * 31) % 500,
       1 + (s.i * 17 + 250) % 500,
       50 + (s.i * 53) % 1950,
       100 + (s.i * 29) % 4900,
       2 + ((s.i * 53) % 1950) / 60.0,
       CASE WHEN (s.i * 13) % 100 < 92 THEN 1 ELSE 0 END,
       (12000 + (s.i * 3701) % 240000) / 100.0,
       ((12000 + (s.i * 3701) % 240000) * (70 + s.i % 25) / 100) / 100.0,
       (50 + (s.i * 53) % 1950) * (100 + (s.i * 29) % 4900) * 0.000062
FROM (
    SELECT g.i, m.anchor,
           CASE WHEN g.i <= 5 THEN (g.i - 1) * 60
                ELSE 300 + ((g.i - 6) * 34128000) / GREATEST(m.scale - 6, 1) END AS off
    FROM standin_meta m CROSS JOIN generate_series(CAST(1 AS bigint), m.scale) AS g(i)
) s;

-- Makes shipments-today (CAST(pickup_date AS DATE) = DATE '...') an index lookup.
CREATE INDEX IF NOT EXISTS tbl_fact_shipments_pickup_day ON tbl_fact_shipments ((CAST(pickup_date AS date)));

-- 7. tbl_ml_consolidated_feature_store: five features, one row per day from
--    60 days ago to yesterday.  EDGE: the newest feature_date is the anchor
--    date - 1 day, exactly 1 day old (ml-feature-freshness and
--    feature-store-update fail_older_than 1d pass).
INSERT INTO tbl_ml_consolidated_feature_store (feature_name, feature_date, entity_count, feature_value)
WITH f (idx, feature_name) AS (
    VALUES (1, 'avg_transit_hours_7d'), (2, 'carrier_on_time_rate_30d'), (3, 'lane_volume_14d'),
           (4, 'customer_order_frequency_30d'), (5, 'fuel_surcharge_index')
)
SELECT f.feature_name, CAST(m.anchor AS date) - g.k, 1000 + 100 * f.idx + g.k, f.idx + g.k / 100.0
FROM standin_meta m CROSS JOIN f CROSS JOIN generate_series(1, 60) AS g(k);

-- 8. vw_consolidated_dashboard is a view over tbl_fact_shipments (schema.sql).

-- 9. vw_data_quality_sla: one check per table per day, 2 h before the anchor
--    for k = 0..19 days (inside the one-month window of dq-pass-rate whatever
--    the month's length) and k = 35..59 (outside it), all 'PASS' except
--    EDGE tbl_dim_location: one 'FAIL' 10 days ago, pass_rate exactly 0.95
--         (19 of 20; dq-pass-rate warn_below 0.95 passes);
--    EDGE tbl_dim_carrier: one 'FAIL' 45 days ago, outside the window.
INSERT INTO vw_data_quality_sla (table_name, sla_name, sla_result, evaluation_timestamp)
WITH t (idx, table_name) AS (
    VALUES (1, 'tbl_fact_shipments'), (2, 'tbl_dim_customer'), (3, 'tbl_dim_carrier'),
           (4, 'tbl_dim_location'), (5, 'tbl_fact_route_performance'),
           (6, 'tbl_ml_consolidated_feature_store'), (7, 'tbl_lieferstatus_ü_配送'),
           (8, 'tbl_stg_empty_returns')
)
SELECT t.table_name, 'daily_completeness',
       CASE WHEN t.table_name = 'tbl_dim_location' AND g.k = 10 THEN 'FAIL'
            WHEN t.table_name = 'tbl_dim_carrier'  AND g.k = 45 THEN 'FAIL'
            ELSE 'PASS' END,
       m.anchor - (120 + 1440 * g.k + t.idx) * INTERVAL '1 minute'
FROM standin_meta m CROSS JOIN t CROSS JOIN generate_series(0, 59) AS g(k)
WHERE g.k <= 19 OR g.k >= 35;

-- 10. vw_dbt_run_results: six models, every 4 hours for 14 days (k = 0..83),
--     the newest 35..60 minutes before the anchor (inside the 4-hour window),
--     all 'success' (dbt writes its statuses in lower case), 20..219 s, except
--     EDGE fct_shipments_daily: always exactly 300 s (slow-models
--          warn_above 300 passes on an average of exactly 300);
--     EDGE stg_carrier_events: a 'fail' (a failed test) 2 days ago, outside the 4-hour
--          window of dbt-run-results.
INSERT INTO vw_dbt_run_results (model_name, run_duration_seconds, status, error_message, last_run_at)
WITH d (idx, model_name) AS (
    VALUES (1, 'stg_shipments'), (2, 'stg_carrier_events'), (3, 'int_shipment_legs'),
           (4, 'fct_shipments_daily'), (5, 'dim_customer_scd'), (6, 'fct_route_performance')
)
SELECT d.model_name,
       CASE WHEN d.model_name = 'fct_shipments_daily' THEN 300.0
            ELSE 20 + (g.k * 13 + d.idx * 7) % 200 END,
       'success', NULL,
       m.anchor - (30 + 5 * d.idx + 240 * g.k) * INTERVAL '1 minute'
FROM standin_meta m CROSS JOIN d CROSS JOIN generate_series(0, 83) AS g(k)
UNION ALL
SELECT 'stg_carrier_events', 45.0, 'fail',
       'Failure in test not_null_stg_carrier_events_event_id (1 failing row)',
       m.anchor - INTERVAL '2 days'
FROM standin_meta m;

-- 11. tbl_ml_model_registry: four active models and one retired version.
INSERT INTO tbl_ml_model_registry (model_name, model_version, accuracy_score, precision_score, recall_score,
    f1_score, last_updated, status)
WITH r (model_name, model_version, acc, prec, rec, f1, hours_ago, status) AS (
    VALUES ('eta_predictor',          'v3',  0.912, 0.905, 0.897, 0.901,   72, 'ACTIVE'),
           ('delay_risk_classifier',  'v7',  0.874, 0.861, 0.842, 0.851,   26, 'ACTIVE'),
           ('demand_forecast_weekly', 'v12', 0.933, 0.928, 0.919, 0.923,  150, 'ACTIVE'),
           ('route_cost_regressor',   'v2',  0.889, 0.880, 0.871, 0.875,  240, 'ACTIVE'),
           ('eta_predictor',          'v2',  0.861, 0.850, 0.838, 0.844, 2160, 'RETIRED')
)
SELECT r.model_name, r.model_version, r.acc, r.prec, r.rec, r.f1,
       m.anchor - r.hours_ago * INTERVAL '1 hour', r.status
FROM standin_meta m CROSS JOIN r;

-- 12. vw_ml_feature_monitoring: five features every 6 hours for 7 days
--     (k = 0..27), drift 0.00..0.14 under a threshold of 0.20, except
--     EDGE fuel_surcharge_index: drift exactly 0.20 = threshold, 35 minutes
--          ago (feature-drift fail_above_column passes);
--     EDGE lane_volume_14d: drift 0.35 three days ago, outside the 1-day
--          window.
INSERT INTO vw_ml_feature_monitoring (feature_name, drift_score, threshold, evaluation_timestamp)
WITH f (idx, feature_name) AS (
    VALUES (1, 'avg_transit_hours_7d'), (2, 'carrier_on_time_rate_30d'), (3, 'lane_volume_14d'),
           (4, 'customer_order_frequency_30d'), (5, 'fuel_surcharge_index')
)
SELECT f.feature_name,
       CASE WHEN f.feature_name = 'fuel_surcharge_index' AND g.k = 0  THEN 0.20
            WHEN f.feature_name = 'lane_volume_14d'      AND g.k = 12 THEN 0.35
            ELSE ((g.k * 3 + f.idx * 5) % 15) / 100.0 END,
       0.20,
       m.anchor - (30 + f.idx + 360 * g.k) * INTERVAL '1 minute'
FROM standin_meta m CROSS JOIN f CROSS JOIN generate_series(0, 27) AS g(k);

-- 13. vw_ml_real_time_features: three models, a prediction every 10 minutes
--     for 3 days (k = 0..431), confidence 0.60..0.98 (some below 0.7, every
--     model's daily average about 0.79: prediction-confidence warn_below 0.7
--     passes).
INSERT INTO vw_ml_real_time_features (prediction_id, model_name, confidence_score, prediction_timestamp)
WITH r (idx, model_name) AS (
    VALUES (1, 'eta_predictor'), (2, 'delay_risk_classifier'), (3, 'route_cost_regressor')
)
SELECT 100000 * r.idx + g.k, r.model_name,
       0.60 + ((g.k * 7 + r.idx * 13) % 39) / 100.0,
       m.anchor - (10 * g.k + 3 * r.idx) * INTERVAL '1 minute'
FROM standin_meta m CROSS JOIN r CROSS JOIN generate_series(0, 431) AS g(k);

-- 14. vw_backup_status: one row per table, its latest backup, all 'SUCCESS'
--     within the last 24 hours (backup-status has no time filter), with
--     EDGE tbl_dim_location: last backup 23 h 30 min ago, just inside
--          fail_older_than 24h.
INSERT INTO vw_backup_status (table_name, last_backup_time, backup_size_gb, backup_status)
WITH t (idx, table_name) AS (
    VALUES (1, 'tbl_fact_shipments'), (2, 'tbl_dim_customer'), (3, 'tbl_dim_carrier'),
           (4, 'tbl_dim_location'), (5, 'tbl_fact_route_performance'),
           (6, 'tbl_ml_consolidated_feature_store'), (7, 'tbl_lieferstatus_ü_配送'),
           (8, 'tbl_stg_empty_returns')
)
SELECT t.table_name,
       CASE WHEN t.table_name = 'tbl_dim_location' THEN m.anchor - INTERVAL '23 hours 30 minutes'
            ELSE m.anchor - (120 + 7 * t.idx) * INTERVAL '1 minute' END,
       12.5 * t.idx, 'SUCCESS'
FROM standin_meta m CROSS JOIN t;

-- 15. vw_user_access_monitoring: one row per user; failed logins 0..4 for
--     the users who logged in during the last day, with
--     EDGE erin.finance: exactly 4 failed logins (user-access warn_above 4
--          passes);
--     EDGE frank.contractor: 9 failed logins but last login 10 days ago,
--          outside the 1-day window.
INSERT INTO vw_user_access_monitoring (user_name, role_name, last_login_time, failed_login_count)
WITH u (user_name, role_name, minutes_ago, failed) AS (
    VALUES ('alice.etl',        'TRANSFORMER',        35, 0),
           ('bob.analyst',      'ANALYST',           120, 1),
           ('carol.ml',         'ML_ENGINEER',       300, 0),
           ('dave.bi',          'REPORTER',          540, 2),
           ('erin.finance',     'FINANCE_ANALYST',   840, 4),
           ('svc_dbt',          'TRANSFORMER',        10, 0),
           ('svc_airflow',      'LOADER',             20, 0),
           ('frank.contractor', 'ANALYST',         14400, 9)
)
SELECT u.user_name, u.role_name, m.anchor - u.minutes_ago * INTERVAL '1 minute', u.failed
FROM standin_meta m CROSS JOIN u;

-- 16. vw_data_access_monitoring: who read/wrote which table, the last access
--     within the last day for most rows (data-access is a report).
INSERT INTO vw_data_access_monitoring (user_name, table_name, access_type, access_count, last_access_time)
WITH u (uidx, user_name, access_type) AS (
    VALUES (1, 'alice.etl', 'INSERT'), (2, 'bob.analyst', 'SELECT'), (3, 'carol.ml', 'SELECT'),
           (4, 'dave.bi', 'SELECT'), (5, 'svc_dbt', 'MERGE'), (6, 'svc_airflow', 'INSERT'),
           (7, 'frank.contractor', 'SELECT')
),
t (tidx, table_name) AS (
    VALUES (1, 'tbl_fact_shipments'), (2, 'tbl_dim_customer'), (3, 'tbl_ml_consolidated_feature_store'),
           (4, 'tbl_lieferstatus_ü_配送')
)
SELECT u.user_name, t.table_name, u.access_type, 5 + (u.uidx * 37 + t.tidx * 11) % 400,
       CASE WHEN u.user_name = 'frank.contractor' THEN m.anchor - INTERVAL '10 days'
            ELSE m.anchor - (u.uidx * 37 + t.tidx * 11) * INTERVAL '1 minute' END
FROM standin_meta m CROSS JOIN u CROSS JOIN t;

-- 17. vw_security_monitoring: five metrics per day for 30 days (k = 0..29),
--     all 'PASS', except
--     EDGE network_policy_violations: 'FAIL' 12 days ago, outside the 1-week
--          window of security-assessment.
INSERT INTO vw_security_monitoring (security_metric, current_value, threshold, status, evaluation_date)
WITH s (security_metric, current_value, threshold) AS (
    VALUES ('mfa_enrollment_pct',        100, 95),
           ('privileged_users_count',      6, 10),
           ('network_policy_violations',   0,  0),
           ('stale_service_accounts',      1,  3),
           ('public_shares_count',         0,  0)
)
SELECT s.security_metric,
       CASE WHEN s.security_metric = 'network_policy_violations' AND g.k = 12 THEN 2 ELSE s.current_value END,
       s.threshold,
       CASE WHEN s.security_metric = 'network_policy_violations' AND g.k = 12 THEN 'FAIL' ELSE 'PASS' END,
       CAST(m.anchor AS date) - g.k
FROM standin_meta m CROSS JOIN s CROSS JOIN generate_series(0, 29) AS g(k);

-- 18. vw_budget_monitoring: five categories for the current month and the 12
--     before (m = 0..12), utilisation 30..84 %, except
--     EDGE compute_warehouses this month: exactly 90.00 % (budget
--          warn_above 90 passes);
--     EDGE storage last month: 97 %, outside the current-month filter.
INSERT INTO vw_budget_monitoring (budget_category, month, monthly_budget_usd, current_spend_usd,
    remaining_budget_usd, budget_utilization_pct)
WITH c (idx, budget_category) AS (
    VALUES (1, 'compute_warehouses'), (2, 'storage'), (3, 'data_transfer'), (4, 'ml_training'),
           (5, 'bi_licenses')
),
r AS (
    SELECT c.budget_category,
           CAST(date_trunc('month', m.anchor) - g.k * INTERVAL '1 month' AS date) AS month,
           10000 * c.idx AS budget,
           CASE WHEN c.idx = 1 AND g.k = 0 THEN 90
                WHEN c.idx = 2 AND g.k = 1 THEN 97
                ELSE 30 + (c.idx * 11 + g.k * 7) % 55 END AS pct
    FROM standin_meta m CROSS JOIN c CROSS JOIN generate_series(0, 12) AS g(k)
)
SELECT r.budget_category, r.month, r.budget, r.budget * r.pct / 100.0,
       r.budget - r.budget * r.pct / 100.0, r.pct
FROM r;

-- 19. vw_cost_optimization_opportunities: advisor findings (report).
INSERT INTO vw_cost_optimization_opportunities (optimization_type, warehouse_name, potential_savings_usd,
    implementation_effort, priority_level, status)
VALUES ('warehouse_downsizing',  'TRANSFORM_WH', 4800.00, 'MEDIUM', 'P1', 'ACTIVE'),
       ('auto_suspend_tuning',   'REPORTING_WH', 1200.00, 'LOW',    'P2', 'ACTIVE'),
       ('clustering_key_review', 'LOADING_WH',    950.00, 'HIGH',   'P3', 'ACTIVE'),
       ('result_cache_reuse',    'ML_WH',         300.00, 'LOW',    'P3', 'DONE');

-- Statistics for the planner (only our own relations).
ANALYZE standin_meta, vw_data_freshness_monitoring, vw_data_quality_summary, test_foreign_key_constraints,
        vw_performance_monitoring, vw_cost_monitoring, tbl_fact_shipments, tbl_ml_consolidated_feature_store,
        vw_data_quality_sla, vw_dbt_run_results, tbl_ml_model_registry, vw_ml_feature_monitoring,
        vw_ml_real_time_features, vw_backup_status, vw_user_access_monitoring, vw_data_access_monitoring,
        vw_security_monitoring, vw_budget_monitoring, vw_cost_optimization_opportunities;

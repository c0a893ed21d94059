-- opsctl stand-in warehouse: schema (PostgreSQL 15)
--
-- Stands in for the Snowflake objects that the operational runbooks query
-- (source: operational-runbooks.md).  Every "vw_" relation is a plain table
-- here except vw_consolidated_dashboard, which is a view over
-- tbl_fact_shipments.  All times are UTC, timestamp without time zone.
--
-- Creates only: opsctl first drops the stand-in's own relations, by name and
-- without CASCADE, once it has checked that standin_meta carries the stand-in's
-- signature and that nothing else depends on them.  Run as one multi-statement
-- script; no psql meta-commands, no transaction control (opsctl wraps it in a
-- transaction).
--
-- Load order used by opsctl: schema.sql, then opsctl inserts the single
-- standin_meta row, then data.sql, then (optionally) faults.sql.

-- Keep the "does not exist, skipping" notices of the first run quiet
-- (transaction-local: opsctl runs this script inside a transaction).
SET LOCAL client_min_messages = warning;


-- One row, inserted by opsctl after this script: the instant the demo data
-- is generated around ("now" for the checks), the number of shipments, and
-- whether faults.sql is applied.
CREATE TABLE standin_meta (
    anchor  timestamp without time zone NOT NULL,
    scale   bigint NOT NULL,
    faults  boolean NOT NULL,
    -- The marker that these relations are the stand-in's: opsctl replaces
    -- them only when it finds it ('opsctl stand-in warehouse, format 1').
    signature  text NOT NULL
);

-- 1. Minutes since each warehouse table was last synced from its source
--    (NULL = never synced).
CREATE TABLE vw_data_freshness_monitoring (
    table_name          text NOT NULL,
    source_system       text,
    last_sync_time      timestamp without time zone,
    minutes_since_sync  bigint
);

-- 2. Data-quality evaluations: one row per table per evaluation run.
CREATE TABLE vw_data_quality_summary (
    table_name            text NOT NULL,
    sla_result            text NOT NULL,          -- 'PASS' / 'FAIL'
    row_count             bigint NOT NULL,
    null_keys             bigint NOT NULL,
    evaluation_timestamp  timestamp without time zone NOT NULL
);

-- 3. Results of the dbt foreign-key (relationships) tests.
CREATE TABLE test_foreign_key_constraints (
    test_name     text NOT NULL,
    child_table   text NOT NULL,
    parent_table  text NOT NULL,
    orphan_rows   bigint NOT NULL,
    test_result   text NOT NULL,                  -- 'PASS' / 'FAIL'
    tested_at     timestamp without time zone NOT NULL
);

-- 4. Query history (Snowflake QUERY_HISTORY-like), one row per query.
CREATE TABLE vw_performance_monitoring (
    query_id                     text NOT NULL,
    query_text                   text NOT NULL,
    query_type                   text NOT NULL,
    warehouse_name               text NOT NULL,
    user_name                    text NOT NULL,
    start_time                   timestamp without time zone NOT NULL,
    total_elapsed_time_seconds   double precision NOT NULL,
    bytes_scanned                bigint NOT NULL,
    rows_produced                bigint NOT NULL,
    credits_used_compute         double precision NOT NULL,
    credits_used_cloud_services  double precision NOT NULL
);

-- 5. Daily cost per warehouse.
CREATE TABLE vw_cost_monitoring (
    warehouse_name               text NOT NULL,
    cost_date                    date NOT NULL,
    daily_cost_usd               numeric(12,2) NOT NULL,
    estimated_daily_cost_usd     numeric(12,2) NOT NULL,
    daily_credits_used           numeric(12,3) NOT NULL,
    cost_per_credit              numeric(8,2) NOT NULL,
    cost_trend                   text NOT NULL,   -- 'UP' / 'DOWN' / 'STABLE'
    credits_used_compute         numeric(12,3) NOT NULL,
    credits_used_cloud_services  numeric(12,3) NOT NULL
);

-- 6. Shipment fact table: one row per shipment, (standin_meta.scale) rows.
CREATE TABLE tbl_fact_shipments (
    shipment_id              bigint NOT NULL,
    pickup_date              timestamp without time zone NOT NULL,
    customer_id              bigint NOT NULL,
    carrier_id               bigint NOT NULL,
    origin_location_id       bigint NOT NULL,
    destination_location_id  bigint NOT NULL,
    distance_km              double precision NOT NULL,
    weight_kg                double precision NOT NULL,
    transit_hours            double precision NOT NULL,
    on_time_flag             bigint NOT NULL,     -- 1 delivered on time, 0 late
    revenue_usd              numeric(12,2) NOT NULL,
    cost_usd                 numeric(12,2) NOT NULL,
    carbon_emissions_kg      double precision NOT NULL
);

-- 7. ML feature store: one row per feature per feature date.
CREATE TABLE tbl_ml_consolidated_feature_store (
    feature_name   text NOT NULL,
    feature_date   date NOT NULL,
    entity_count   bigint NOT NULL,
    feature_value  double precision NOT NULL
);

-- 8. Business dashboard: one row per shipment, date_key = pickup date.
CREATE VIEW vw_consolidated_dashboard AS
SELECT
    s.shipment_id,
    CAST(s.pickup_date AS date)                        AS date_key,
    s.customer_id,
    s.carrier_id,
    s.on_time_flag * 100.0                             AS on_time_rate_pct,
    s.revenue_usd                                      AS total_revenue_usd,
    CASE WHEN s.revenue_usd = 0 THEN 0
         ELSE (s.revenue_usd - s.cost_usd) * 100.0 / s.revenue_usd
    END                                                AS profit_margin_pct,
    s.carbon_emissions_kg                              AS total_carbon_emissions_kg
FROM tbl_fact_shipments s;

-- 9. Data-quality SLA results over time (one row per table per daily check).
CREATE TABLE vw_data_quality_sla (
    table_name            text NOT NULL,
    sla_name              text NOT NULL,
    sla_result            text NOT NULL,          -- 'PASS' / 'FAIL'
    evaluation_timestamp  timestamp without time zone NOT NULL
);

-- 10. dbt run results: one row per model run.
CREATE TABLE vw_dbt_run_results (
    model_name            text NOT NULL,
    run_duration_seconds  double precision NOT NULL,
    status                text NOT NULL,          -- dbt's, lower case: 'success' / 'error' / 'skipped'; tests 'pass' / 'fail' / 'warn'
    error_message         text,
    last_run_at           timestamp without time zone NOT NULL
);

-- 11. ML model registry: one row per model version.
CREATE TABLE tbl_ml_model_registry (
    model_name       text NOT NULL,
    model_version    text NOT NULL,
    accuracy_score   double precision NOT NULL,
    precision_score  double precision NOT NULL,
    recall_score     double precision NOT NULL,
    f1_score         double precision NOT NULL,
    last_updated     timestamp without time zone NOT NULL,
    status           text NOT NULL                -- 'ACTIVE' / 'RETIRED'
);

-- 12. Feature drift evaluations: one row per feature per evaluation.
CREATE TABLE vw_ml_feature_monitoring (
    feature_name          text NOT NULL,
    drift_score           double precision NOT NULL,
    threshold             double precision NOT NULL,
    evaluation_timestamp  timestamp without time zone NOT NULL
);

-- 13. Online predictions: one row per prediction.
CREATE TABLE vw_ml_real_time_features (
    prediction_id         bigint NOT NULL,
    model_name            text NOT NULL,
    confidence_score      double precision NOT NULL,
    prediction_timestamp  timestamp without time zone NOT NULL
);

-- 14. Backups: ONE row per table (its latest backup).
CREATE TABLE vw_backup_status (
    table_name        text NOT NULL,
    last_backup_time  timestamp without time zone,
    backup_size_gb    double precision NOT NULL,
    backup_status     text NOT NULL               -- 'SUCCESS' / 'FAILED'
);

-- 15. Logins: one row per user (latest login, failed attempts since).
CREATE TABLE vw_user_access_monitoring (
    user_name           text NOT NULL,
    role_name           text NOT NULL,
    last_login_time     timestamp without time zone NOT NULL,
    failed_login_count  bigint NOT NULL
);

-- 16. Table access: one row per user, table and access type.
CREATE TABLE vw_data_access_monitoring (
    user_name         text NOT NULL,
    table_name        text NOT NULL,
    access_type       text NOT NULL,              -- 'SELECT' / 'INSERT' / ...
    access_count      bigint NOT NULL,
    last_access_time  timestamp without time zone NOT NULL
);

-- 17. Security posture metrics: one row per metric per day.
CREATE TABLE vw_security_monitoring (
    security_metric  text NOT NULL,
    current_value    numeric(12,2) NOT NULL,
    threshold        numeric(12,2) NOT NULL,
    status           text NOT NULL,               -- 'PASS' / 'FAIL'
    evaluation_date  date NOT NULL
);

-- 18. Monthly budgets: one row per category per month (month = 1st day).
CREATE TABLE vw_budget_monitoring (
    budget_category         text NOT NULL,
    month                   date NOT NULL,
    monthly_budget_usd      numeric(14,2) NOT NULL,
    current_spend_usd       numeric(14,2) NOT NULL,
    remaining_budget_usd    numeric(14,2) NOT NULL,
    budget_utilization_pct  numeric(7,2) NOT NULL
);

-- 19. Cost-saving opportunities found by the cost advisor.
CREATE TABLE vw_cost_optimization_opportunities (
    optimization_type      text NOT NULL,
    warehouse_name         text NOT NULL,
    potential_savings_usd  numeric(12,2) NOT NULL,
    implementation_effort  text NOT NULL,         -- 'LOW' / 'MEDIUM' / 'HIGH'
    priority_level         text NOT NULL,         -- 'P1' / 'P2' / 'P3'
    status                 text NOT NULL          -- 'ACTIVE' / 'DONE'
);

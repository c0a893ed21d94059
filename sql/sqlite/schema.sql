-- opsctl stand-in warehouse: schema (SQLite 3.40)
--
-- Stands in for the Snowflake objects that the operational runbooks query
-- (source: operational-runbooks.md).  Every "vw_" relation is a plain table
-- here except vw_consolidated_dashboard, which is a view over
-- tbl_fact_shipments.  All times are UTC: timestamps are TEXT
-- 'YYYY-MM-DD HH:MM:SS', dates TEXT 'YYYY-MM-DD'; numeric and double
-- precision columns are REAL, bigint ones INTEGER.  Same relations, columns and
-- column order as sql/postgresql/schema.sql.
--
-- Creates only: opsctl first drops the stand-in's own relations, by name,
-- once it has checked that standin_meta carries the stand-in's signature and
-- that nothing else depends on them.  Run as one script through sqlite3_exec;
-- no transaction control (opsctl wraps it in a transaction).
--
-- Load order used by opsctl: schema.sql, then opsctl inserts the single
-- standin_meta row, then data.sql, then (optionally) faults.sql.

-- One row, inserted by opsctl after this script: the instant the demo data
-- is generated around ("now" for the checks), the number of shipments, and
-- whether faults.sql is applied.
CREATE TABLE standin_meta (
    anchor  TEXT NOT NULL,
    scale   INTEGER NOT NULL,
    faults  INTEGER NOT NULL,          -- 0 / 1 (FALSE / TRUE)
    -- The marker that these relations are the stand-in's: opsctl replaces
    -- them only when it finds it ('opsctl stand-in warehouse, format 1').
    signature  TEXT NOT NULL
);

-- 1. Minutes since each warehouse table was last synced from its source
--    (NULL = never synced).
CREATE TABLE vw_data_freshness_monitoring (
    table_name          TEXT NOT NULL,
    source_system       TEXT,
    last_sync_time      TEXT,
    minutes_since_sync  INTEGER
);

-- 2. Data-quality evaluations: one row per table per evaluation run.
CREATE TABLE vw_data_quality_summary (
    table_name            TEXT NOT NULL,
    sla_result            TEXT NOT NULL,          -- 'PASS' / 'FAIL'
    row_count             INTEGER NOT NULL,
    null_keys             INTEGER NOT NULL,
    evaluation_timestamp  TEXT NOT NULL
);

-- 3. Results of the dbt foreign-key (relationships) tests.
CREATE TABLE test_foreign_key_constraints (
    test_name     TEXT NOT NULL,
    child_table   TEXT NOT NULL,
    parent_table  TEXT NOT NULL,
    orphan_rows   INTEGER NOT NULL,
    test_result   TEXT NOT NULL,                  -- 'PASS' / 'FAIL'
    tested_at     TEXT NOT NULL
);

-- 4. Query history (Snowflake QUERY_HISTORY-like), one row per query.
CREATE TABLE vw_performance_monitoring (
    query_id                     TEXT NOT NULL,
    query_text                   TEXT NOT NULL,
    query_type                   TEXT NOT NULL,
    warehouse_name               TEXT NOT NULL,
    user_name                    TEXT NOT NULL,
    start_time                   TEXT NOT NULL,
    total_elapsed_time_seconds   REAL NOT NULL,
    bytes_scanned                INTEGER NOT NULL,
    rows_produced                INTEGER NOT NULL,
    credits_used_compute         REAL NOT NULL,
    credits_used_cloud_services  REAL NOT NULL
);

-- 5. Daily cost per warehouse.
CREATE TABLE vw_cost_monitoring (
    warehouse_name               TEXT NOT NULL,
    cost_date                    TEXT NOT NULL,
    daily_cost_usd               REAL NOT NULL,
    estimated_daily_cost_usd     REAL NOT NULL,
    daily_credits_used           REAL NOT NULL,
    cost_per_credit              REAL NOT NULL,
    cost_trend                   TEXT NOT NULL,   -- 'UP' / 'DOWN' / 'STABLE'
    credits_used_compute         REAL NOT NULL,
    credits_used_cloud_services  REAL NOT NULL
);

-- 6. Shipment fact table: one row per shipment, (standin_meta.scale) rows.
CREATE TABLE tbl_fact_shipments (
    shipment_id              INTEGER NOT NULL,
    pickup_date              TEXT NOT NULL,
    customer_id              INTEGER NOT NULL,
    carrier_id               INTEGER NOT NULL,
    origin_location_id       INTEGER NOT NULL,
    destination_location_id  INTEGER NOT NULL,
    distance_km              REAL NOT NULL,
    weight_kg                REAL NOT NULL,
    transit_hours            REAL NOT NULL,
    on_time_flag             INTEGER NOT NULL,     -- 1 delivered on time, 0 late
    revenue_usd              REAL NOT NULL,
    cost_usd                 REAL NOT NULL,
    carbon_emissions_kg      REAL NOT NULL
);

-- 7. ML feature store: one row per feature per feature date.
CREATE TABLE tbl_ml_consolidated_feature_store (
    feature_name   TEXT NOT NULL,
    feature_date   TEXT NOT NULL,
    entity_count   INTEGER NOT NULL,
    feature_value  REAL NOT NULL
);

-- 8. Business dashboard: one row per shipment, date_key = pickup date.
CREATE VIEW vw_consolidated_dashboard AS
SELECT
    s.shipment_id,
    date(s.pickup_date)                                AS date_key,
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
    table_name            TEXT NOT NULL,
    sla_name              TEXT NOT NULL,
    sla_result            TEXT NOT NULL,          -- 'PASS' / 'FAIL'
    evaluation_timestamp  TEXT NOT NULL
);

-- 10. dbt run results: one row per model run.
CREATE TABLE vw_dbt_run_results (
    model_name            TEXT NOT NULL,
    run_duration_seconds  REAL NOT NULL,
    status                TEXT NOT NULL,          -- dbt's, lower case: 'success' / 'error' / 'skipped'; tests 'pass' / 'fail' / 'warn'
    error_message         TEXT,
    last_run_at           TEXT NOT NULL
);

-- 11. ML model registry: one row per model version.
CREATE TABLE tbl_ml_model_registry (
    model_name       TEXT NOT NULL,
    model_version    TEXT NOT NULL,
    accuracy_score   REAL NOT NULL,
    precision_score  REAL NOT NULL,
    recall_score     REAL NOT NULL,
    f1_score         REAL NOT NULL,
    last_updated     TEXT NOT NULL,
    status           TEXT NOT NULL                -- 'ACTIVE' / 'RETIRED'
);

-- 12. Feature drift evaluations: one row per feature per evaluation.
CREATE TABLE vw_ml_feature_monitoring (
    feature_name          TEXT NOT NULL,
    drift_score           REAL NOT NULL,
    threshold             REAL NOT NULL,
    evaluation_timestamp  TEXT NOT NULL
);

-- 13. Online predictions: one row per prediction.
CREATE TABLE vw_ml_real_time_features (
    prediction_id         INTEGER NOT NULL,
    model_name            TEXT NOT NULL,
    confidence_score      REAL NOT NULL,
    prediction_timestamp  TEXT NOT NULL
);

-- 14. Backups: ONE row per table (its latest backup).
CREATE TABLE vw_backup_status (
    table_name        TEXT NOT NULL,
    last_backup_time  TEXT,
    backup_size_gb    REAL NOT NULL,
    backup_status     TEXT NOT NULL               -- 'SUCCESS' / 'FAILED'
);

-- 15. Logins: one row per user (latest login, failed attempts since).
CREATE TABLE vw_user_access_monitoring (
    user_name           TEXT NOT NULL,
    role_name           TEXT NOT NULL,
    last_login_time     TEXT NOT NULL,
    failed_login_count  INTEGER NOT NULL
);

-- 16. Table access: one row per user, table and access type.
CREATE TABLE vw_data_access_monitoring (
    user_name         TEXT NOT NULL,
    table_name        TEXT NOT NULL,
    access_type       TEXT NOT NULL,              -- 'SELECT' / 'INSERT' / ...
    access_count      INTEGER NOT NULL,
    last_access_time  TEXT NOT NULL
);

-- 17. Security posture metrics: one row per metric per day.
CREATE TABLE vw_security_monitoring (
    security_metric  TEXT NOT NULL,
    current_value    REAL NOT NULL,
    threshold        REAL NOT NULL,
    status           TEXT NOT NULL,               -- 'PASS' / 'FAIL'
    evaluation_date  TEXT NOT NULL
);

-- 18. Monthly budgets: one row per category per month (month = 1st day).
CREATE TABLE vw_budget_monitoring (
    budget_category         TEXT NOT NULL,
    month                   TEXT NOT NULL,
    monthly_budget_usd      REAL NOT NULL,
    current_spend_usd       REAL NOT NULL,
    remaining_budget_usd    REAL NOT NULL,
    budget_utilization_pct  REAL NOT NULL
);

-- 19. Cost-saving opportunities found by the cost advisor.
CREATE TABLE vw_cost_optimization_opportunities (
    optimization_type      TEXT NOT NULL,
    warehouse_name         TEXT NOT NULL,
    potential_savings_usd  REAL NOT NULL,
    implementation_effort  TEXT NOT NULL,         -- 'LOW' / 'MEDIUM' / 'HIGH'
    priority_level         TEXT NOT NULL,         -- 'P1' / 'P2' / 'P3'
    status                 TEXT NOT NULL          -- 'ACTIVE' / 'DONE'
);

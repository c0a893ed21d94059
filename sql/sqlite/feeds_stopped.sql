-- opsctl stand-in warehouse: feeds stopped (SQLite 3.40)
--
-- The same scenario as sql/postgresql/feeds_stopped.sql.  Applied on top of
-- the healthy data of data.sql (same anchor), instead of faults.sql.  Every
-- feed stopped 40 days before the anchor and nothing has arrived since: each
-- relation holds the healthy data as it stood then.  Every time stamp and date
-- moves back 40 days, the freshness view's minutes_since_sync grows by those
-- 40 days (57,600 minutes), and the budget months move back to the month the
-- feeds stopped in.
--
-- 40 days lies beyond every window of the runbooks: the longest looks back one
-- month, at most 31 days.  So every windowed query finds no row, and every
-- unwindowed one sees only data that is 40 days old.  The expected verdicts
-- are in sql/README.md ("Feeds stopped").

UPDATE vw_data_freshness_monitoring
SET last_sync_time = datetime(last_sync_time, '-40 days'),
    minutes_since_sync = minutes_since_sync + 40 * 1440;

UPDATE vw_data_quality_summary SET evaluation_timestamp = datetime(evaluation_timestamp, '-40 days');

UPDATE test_foreign_key_constraints SET tested_at = datetime(tested_at, '-40 days');

UPDATE vw_performance_monitoring SET start_time = datetime(start_time, '-40 days');

UPDATE vw_cost_monitoring SET cost_date = date(cost_date, '-40 days');

UPDATE tbl_fact_shipments SET pickup_date = datetime(pickup_date, '-40 days');

UPDATE tbl_ml_consolidated_feature_store SET feature_date = date(feature_date, '-40 days');

UPDATE vw_data_quality_sla SET evaluation_timestamp = datetime(evaluation_timestamp, '-40 days');

UPDATE vw_dbt_run_results SET last_run_at = datetime(last_run_at, '-40 days');

UPDATE tbl_ml_model_registry SET last_updated = datetime(last_updated, '-40 days');

UPDATE vw_ml_feature_monitoring SET evaluation_timestamp = datetime(evaluation_timestamp, '-40 days');

UPDATE vw_ml_real_time_features SET prediction_timestamp = datetime(prediction_timestamp, '-40 days');

UPDATE vw_backup_status SET last_backup_time = datetime(last_backup_time, '-40 days');

UPDATE vw_user_access_monitoring SET last_login_time = datetime(last_login_time, '-40 days');

UPDATE vw_data_access_monitoring SET last_access_time = datetime(last_access_time, '-40 days');

UPDATE vw_security_monitoring SET evaluation_date = date(evaluation_date, '-40 days');

-- One row per category and month: the newest month becomes the month of
-- anchor - 40 days (one or two months before the anchor's), so the current
-- month has no budget row.  The months are first days, so '-N months' never
-- overflows into the next month.
UPDATE vw_budget_monitoring
SET month = date(month, '-' || (
    SELECT (CAST(strftime('%Y', anchor) AS INTEGER) - CAST(strftime('%Y', datetime(anchor, '-40 days')) AS INTEGER)) * 12
           + CAST(strftime('%m', anchor) AS INTEGER) - CAST(strftime('%m', datetime(anchor, '-40 days')) AS INTEGER)
    FROM standin_meta) || ' months');

-- vw_cost_optimization_opportunities has no time column; it stays as it is.

ANALYZE tbl_fact_shipments;
ANALYZE vw_performance_monitoring;
ANALYZE vw_cost_monitoring;

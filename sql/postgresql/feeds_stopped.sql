-- opsctl stand-in warehouse: feeds stopped (PostgreSQL 15)
--
-- Applied on top of the healthy data of data.sql (same anchor), instead of
-- faults.sql.  Every feed stopped 40 days before the anchor and nothing has
-- arrived since: each relation holds the healthy data as it stood then.  Every
-- time stamp and date moves back 40 days, the freshness view's
-- minutes_since_sync grows by those 40 days (57,600 minutes), and the budget
-- months move back to the month the feeds stopped in.
--
-- 40 days lies beyond every window of the runbooks: the longest looks back one
-- month, at most 31 days.  So every windowed query finds no row, and every
-- unwindowed one sees only data that is 40 days old.  The expected verdicts
-- are in sql/README.md ("Feeds stopped").

UPDATE vw_data_freshness_monitoring
SET last_sync_time = last_sync_time - INTERVAL '40 days',
    minutes_since_sync = minutes_since_sync + 40 * 1440;

UPDATE vw_data_quality_summary SET evaluation_timestamp = evaluation_timestamp - INTERVAL '40 days';

UPDATE test_foreign_key_constraints SET tested_at = tested_at - INTERVAL '40 days';

UPDATE vw_performance_monitoring SET start_time = start_time - INTERVAL '40 days';

UPDATE vw_cost_monitoring SET cost_date = cost_date - 40;

UPDATE tbl_fact_shipments SET pickup_date = pickup_date - INTERVAL '40 days';

UPDATE tbl_ml_consolidated_feature_store SET feature_date = feature_date - 40;

UPDATE vw_data_quality_sla SET evaluation_timestamp = evaluation_timestamp - INTERVAL '40 days';

UPDATE vw_dbt_run_results SET last_run_at = last_run_at - INTERVAL '40 days';

UPDATE tbl_ml_model_registry SET last_updated = last_updated - INTERVAL '40 days';

UPDATE vw_ml_feature_monitoring SET evaluation_timestamp = evaluation_timestamp - INTERVAL '40 days';

UPDATE vw_ml_real_time_features SET prediction_timestamp = prediction_timestamp - INTERVAL '40 days';

UPDATE vw_backup_status SET last_backup_time = last_backup_time - INTERVAL '40 days';

UPDATE vw_user_access_monitoring SET last_login_time = last_login_time - INTERVAL '40 days';

UPDATE vw_data_access_monitoring SET last_access_time = last_access_time - INTERVAL '40 days';

UPDATE vw_security_monitoring SET evaluation_date = evaluation_date - 40;

-- One row per category and month: the newest month becomes the month of
-- anchor - 40 days (one or two months before the anchor's), so the current
-- month has no budget row.
UPDATE vw_budget_monitoring b
SET month = CAST(b.month - s.months * INTERVAL '1 month' AS date)
FROM (
    SELECT CAST((EXTRACT(YEAR FROM anchor) - EXTRACT(YEAR FROM anchor - INTERVAL '40 days')) * 12
                + EXTRACT(MONTH FROM anchor) - EXTRACT(MONTH FROM anchor - INTERVAL '40 days') AS integer)
           AS months
    FROM standin_meta
) s;

-- vw_cost_optimization_opportunities has no time column; it stays as it is.

ANALYZE vw_data_freshness_monitoring, vw_data_quality_summary, test_foreign_key_constraints,
        vw_performance_monitoring, vw_cost_monitoring, tbl_fact_shipments, tbl_ml_consolidated_feature_store,
        vw_data_quality_sla, vw_dbt_run_results, tbl_ml_model_registry, vw_ml_feature_monitoring,
        vw_ml_real_time_features, vw_backup_status, vw_user_access_monitoring, vw_data_access_monitoring,
        vw_security_monitoring, vw_budget_monitoring;

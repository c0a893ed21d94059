-- ml / daily for sqlite as of 2026-11-26 08:00:00 UTC

-- model-performance: Check model performance
-- evaluated on the client: a report step: people read its rows, so all of them come
SELECT model_name, accuracy_score, precision_score, recall_score, f1_score, last_updated FROM tbl_ml_model_registry WHERE status = 'ACTIVE' ORDER BY last_updated DESC;

-- feature-drift: Check feature drift
-- evaluated in the warehouse, if the result's column types allow
SELECT g.*,
       SUM(g.opsctl_rows) OVER () AS opsctl_total,
       SUM(CASE WHEN g.opsctl_undecided = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_undecided_rows,
       SUM(CASE WHEN g.opsctl_e1 = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_1,
       SUM(CASE WHEN g.opsctl_e1 = 2 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_2,
       SUM(CASE WHEN g.opsctl_e1 = 3 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_3
FROM (
SELECT r.opsctl_e1,
       r.opsctl_undecided,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_key_1 END AS opsctl_key_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_other_1_1 END AS opsctl_other_1_1,
       COUNT(*) AS opsctl_rows
FROM (
SELECT CASE WHEN q.drift_score IS NULL THEN 1
             WHEN q.threshold IS NULL THEN 2
             WHEN q.drift_score > q.threshold THEN 3
             ELSE 0 END AS opsctl_e1,
       CASE WHEN (TYPEOF(q.threshold) NOT IN ('integer', 'real', 'null'))
               OR (TYPEOF(q.drift_score) NOT IN ('integer', 'real', 'null')) THEN 1 ELSE 0 END AS opsctl_undecided,
       q.feature_name AS opsctl_key_1,
       q.drift_score AS opsctl_value_1,
       q.threshold AS opsctl_other_1_1
FROM (
SELECT feature_name, drift_score, threshold, CASE WHEN drift_score > threshold THEN 'DRIFT_DETECTED' ELSE 'NORMAL' END AS drift_status FROM vw_ml_feature_monitoring WHERE evaluation_timestamp >= DATEADD('day', -1, '2026-11-26 08:00:00') ORDER BY drift_score DESC
) q
) r
GROUP BY 1, 2, 3, 4, 5
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_other_1_1 AS TEXT) NULLS LAST
LIMIT 51;

-- prediction-confidence: Monitor prediction quality
-- evaluated in the warehouse, if the result's column types allow
SELECT g.*,
       SUM(g.opsctl_rows) OVER () AS opsctl_total,
       SUM(CASE WHEN g.opsctl_undecided = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_undecided_rows,
       SUM(CASE WHEN g.opsctl_e1 = 1 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_1,
       SUM(CASE WHEN g.opsctl_e1 = 2 THEN g.opsctl_rows ELSE 0 END) OVER () AS opsctl_count_1_2,
       MIN(g.opsctl_measure) OVER () AS opsctl_measure_all
FROM (
SELECT r.opsctl_e1,
       r.opsctl_undecided,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_key_1 END AS opsctl_key_1,
       CASE WHEN r.opsctl_e1 <> 0 THEN r.opsctl_value_1 END AS opsctl_value_1,
       COUNT(*) AS opsctl_rows,
       MIN(r.opsctl_m) AS opsctl_measure
FROM (
SELECT CASE WHEN q.avg_confidence IS NULL THEN 1
             WHEN q.avg_confidence < 0.7 THEN 2
             ELSE 0 END AS opsctl_e1,
       CASE WHEN (TYPEOF(q.avg_confidence) NOT IN ('integer', 'real', 'null')) THEN 1 ELSE 0 END AS opsctl_undecided,
       CASE WHEN q.avg_confidence BETWEEN -1.7976931348623157E308 AND 1.7976931348623157E308 THEN q.avg_confidence END AS opsctl_m,
       q.model_name AS opsctl_key_1,
       q.avg_confidence AS opsctl_value_1
FROM (
SELECT model_name, COUNT(*) AS prediction_count, AVG(confidence_score) AS avg_confidence, SUM(CASE WHEN confidence_score < 0.7 THEN 1 ELSE 0 END) AS low_confidence_count FROM vw_ml_real_time_features WHERE prediction_timestamp >= DATEADD('day', -1, '2026-11-26 08:00:00') GROUP BY 1 ORDER BY 1
) q
) r
GROUP BY 1, 2, 3, 4
) g
ORDER BY CASE WHEN g.opsctl_e1 = 0 THEN 0 ELSE 1 END,
         CAST(g.opsctl_key_1 AS TEXT) NULLS LAST,
         CAST(g.opsctl_value_1 AS TEXT) NULLS LAST
LIMIT 51;

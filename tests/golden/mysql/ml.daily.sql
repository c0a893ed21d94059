-- ml / daily for mysql

-- model-performance: Check model performance
SELECT model_name, accuracy_score, precision_score, recall_score, f1_score, last_updated FROM tbl_ml_model_registry WHERE status = 'ACTIVE' ORDER BY last_updated DESC;

-- feature-drift: Check feature drift
SELECT feature_name, drift_score, threshold, CASE WHEN drift_score > threshold THEN 'DRIFT_DETECTED' ELSE 'NORMAL' END AS drift_status FROM vw_ml_feature_monitoring WHERE evaluation_timestamp >= DATE_ADD(CURRENT_TIMESTAMP, INTERVAL (-1) DAY) ORDER BY drift_score DESC;

-- prediction-confidence: Monitor prediction quality
SELECT model_name, COUNT(*) AS prediction_count, AVG(confidence_score) AS avg_confidence, SUM(CASE WHEN confidence_score < 0.7 THEN 1 ELSE 0 END) AS low_confidence_count FROM vw_ml_real_time_features WHERE prediction_timestamp >= DATE_ADD(CURRENT_TIMESTAMP, INTERVAL (-1) DAY) GROUP BY 1 ORDER BY 1;

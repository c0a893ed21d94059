-- weekly / wednesday for sqlite as of 2026-11-26 08:00:00 UTC

-- null-percentage-trend: Check data quality trends
SELECT table_name, AVG(CASE WHEN row_count = 0 THEN 0.0 ELSE null_keys * 100.0 / row_count END) AS avg_null_percentage FROM vw_data_quality_summary WHERE evaluation_timestamp >= DATEADD('week', -1, '2026-11-26 08:00:00') GROUP BY 1 ORDER BY 2 DESC;

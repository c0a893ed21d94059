-- performance / realtime for databricks

-- system-performance: Monitor system performance
SELECT warehouse_name, AVG(credits_used_compute) AS avg_compute_credits, AVG(credits_used_cloud_services) AS avg_cloud_credits, COUNT(*) AS query_count FROM vw_performance_monitoring WHERE start_time >= timestampadd(HOUR, -1, current_timestamp()) GROUP BY 1 ORDER BY 1;

-- query-performance: Monitor query performance
SELECT query_type, AVG(total_elapsed_time_seconds) AS avg_duration, MAX(total_elapsed_time_seconds) AS max_duration, COUNT(*) AS query_count FROM vw_performance_monitoring WHERE start_time >= timestampadd(HOUR, -1, current_timestamp()) GROUP BY 1 ORDER BY avg_duration DESC;

SELECT 'it''s DATE(x)', "DATEADD"(1) -- CURRENT_DATE()
/* DATE_TRUNC('day', x) */ FROM t WHERE d = $$CURRENT_DATE()$$
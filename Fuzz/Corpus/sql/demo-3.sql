SELECT TIMESTAMP_TRUNC(tidspunkt, HOUR) AS time, event_name, COUNT(*) AS antall
FROM `dagpenger-prod-4e2b.rasone.rapid_hendelser`
GROUP BY time, event_name
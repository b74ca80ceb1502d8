-- The latest position of each officer as ingest keeps it (officer_latest), for the live layer's
-- state after a restart; officers silent since before @since are left out.
SELECT officer_id, device_id, time, lat, lon, speed_mps, heading, battery, accuracy
FROM officer_latest
WHERE time >= @since;

-- The latest position of each officer as ingest keeps it (officer_latest), read back into the
-- live store at start (one row per officer who ever reported).
SELECT officer_id, device_id, time, lat, lon, speed_mps, heading, battery, accuracy
FROM officer_latest;

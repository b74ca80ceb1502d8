-- The newest staged position of each officer replaces the stored one only when it is newer, so
-- a phone sending its backlog late does not move an officer back in time.
INSERT INTO officer_latest (officer_id, device_id, time, lat, lon, speed_mps, heading, battery, accuracy, updated_at)
SELECT DISTINCT ON (officer_id)
       officer_id, device_id, time, lat, lon, speed_mps, heading, battery, accuracy, now()
FROM position_stage
ORDER BY officer_id, time DESC
ON CONFLICT (officer_id) DO UPDATE
    SET device_id = EXCLUDED.device_id,
        time = EXCLUDED.time,
        lat = EXCLUDED.lat,
        lon = EXCLUDED.lon,
        speed_mps = EXCLUDED.speed_mps,
        heading = EXCLUDED.heading,
        battery = EXCLUDED.battery,
        accuracy = EXCLUDED.accuracy,
        updated_at = EXCLUDED.updated_at
    WHERE officer_latest.time < EXCLUDED.time;

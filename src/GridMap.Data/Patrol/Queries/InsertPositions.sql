-- A position already stored (same device and time: a phone resending) is skipped; the rows
-- returned are the ones this batch added.
INSERT INTO officer_position (device_id, officer_id, time, lat, lon, speed_mps, heading, altitude, accuracy, battery, received_at)
SELECT device_id, officer_id, time, lat, lon, speed_mps, heading, altitude, accuracy, battery, received_at
FROM position_stage
ON CONFLICT (device_id, time) DO NOTHING
RETURNING device_id, time;

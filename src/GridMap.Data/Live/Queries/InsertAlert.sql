-- ON CONFLICT: an officer already has an open alert (another process raised it, or the same
-- excursion after a restart); the open one is kept and returned.
INSERT INTO geofence_alert (officer_id, grid_code, at_grid_code, kind, lat, lon, time)
VALUES (@officer_id, @grid_code, @at_grid_code, 'left_grid', @lat, @lon, @time)
ON CONFLICT (officer_id) WHERE cleared_at IS NULL DO NOTHING
RETURNING id;

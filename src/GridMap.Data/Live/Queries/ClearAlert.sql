UPDATE geofence_alert
SET cleared_at = @cleared_at, clear_reason = @reason, cleared_lat = @lat, cleared_lon = @lon
WHERE officer_id = @officer_id AND cleared_at IS NULL
RETURNING id;

SELECT id FROM geofence_alert WHERE officer_id = @officer_id AND cleared_at IS NULL;

SELECT a.id, a.officer_id, o.name, a.grid_code, a.at_grid_code, a.lat, a.lon, a.time
FROM geofence_alert a
JOIN officer o ON o.id = a.officer_id
WHERE a.cleared_at IS NULL
ORDER BY a.time;

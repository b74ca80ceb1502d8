-- The officers the live registry knows: those with a device or a latest position (or the given
-- ids), with their main assignment, every grid they are assigned to (for scope) and their
-- latest position.
SELECT o.id, o.name, pa.role, pa.grid_code,
       coalesce((SELECT array_agg(DISTINCT a.grid_code ORDER BY a.grid_code)
                 FROM officer_assignment a
                 WHERE a.officer_id = o.id AND (a.until IS NULL OR a.until >= current_date)), '{}') AS grid_codes,
       l.device_id, l.time, l.lat, l.lon, l.speed_mps, l.heading, l.battery, l.accuracy
FROM officer o
LEFT JOIN officer_latest l ON l.officer_id = o.id
LEFT JOIN LATERAL (
    SELECT a.role, a.grid_code
    FROM officer_assignment a
    JOIN officer_role r ON r.code = a.role
    WHERE a.officer_id = o.id AND (a.until IS NULL OR a.until >= current_date)
    ORDER BY (a.role = 'building_head'), r.sort_order, length(a.grid_code) DESC, a.id
    LIMIT 1
) pa ON true
WHERE CASE WHEN @ids::bigint[] IS NULL
           THEN l.officer_id IS NOT NULL OR EXISTS (SELECT 1 FROM device d WHERE d.officer_id = o.id)
           ELSE o.id = ANY (@ids)
      END;

-- One page of the devices the caller may see, with each officer's main assignment (most senior
-- current role), that grid's current name and the officer's latest report. Search matches the
-- officer's name, the device id, the grid's name or code (@pattern is an escaped ILIKE
-- pattern, NULL for no search). Scope: the officer has a current assignment within it.
-- @sort picks the column (officer, grid, device, last_seen, battery); device id breaks ties so
-- that pages do not overlap. total is the count of all matches, for the pager.
WITH matched AS (
    SELECT d.device_id, d.officer_id, o.name AS officer_name, pa.grid_code, g.name AS grid_name,
           l.time AS last_seen, l.battery, d.token_issued_at, d.revoked_at
    FROM device d
    JOIN officer o ON o.id = d.officer_id
    LEFT JOIN LATERAL (
        SELECT a.grid_code
        FROM officer_assignment a
        JOIN officer_role r ON r.code = a.role
        WHERE a.officer_id = o.id AND (a.until IS NULL OR a.until >= current_date)
        ORDER BY (a.role = 'building_head'), r.sort_order, length(a.grid_code) DESC, a.id
        LIMIT 1
    ) pa ON true
    LEFT JOIN grid g ON g.code = pa.grid_code AND g.valid_to IS NULL
    -- The officer's latest position, if it came from this device.
    LEFT JOIN officer_latest l ON l.officer_id = d.officer_id AND l.device_id = d.device_id
    WHERE (@everything OR EXISTS (
              SELECT 1 FROM officer_assignment s
              WHERE s.officer_id = d.officer_id AND (s.until IS NULL OR s.until >= current_date)
                AND s.grid_code LIKE ANY (@patterns)))
      AND (@pattern::text IS NULL
           OR o.name ILIKE @pattern
           OR d.device_id ILIKE @pattern
           OR g.name ILIKE @pattern
           OR pa.grid_code LIKE @pattern)
)
SELECT device_id, officer_id, officer_name, grid_code, grid_name, last_seen, battery,
       token_issued_at, revoked_at, count(*) OVER () AS total
FROM matched
ORDER BY
    CASE WHEN @sort = 'officer' AND NOT @descending THEN officer_name END,
    CASE WHEN @sort = 'officer' AND @descending THEN officer_name END DESC,
    CASE WHEN @sort = 'grid' AND NOT @descending THEN grid_name END,
    CASE WHEN @sort = 'grid' AND @descending THEN grid_name END DESC,
    CASE WHEN @sort = 'last_seen' AND NOT @descending THEN last_seen END NULLS FIRST,
    CASE WHEN @sort = 'last_seen' AND @descending THEN last_seen END DESC NULLS LAST,
    CASE WHEN @sort = 'battery' AND NOT @descending THEN battery END NULLS FIRST,
    CASE WHEN @sort = 'battery' AND @descending THEN battery END DESC NULLS LAST,
    CASE WHEN @sort = 'device' AND @descending THEN device_id END DESC,
    device_id
LIMIT @limit OFFSET @offset;

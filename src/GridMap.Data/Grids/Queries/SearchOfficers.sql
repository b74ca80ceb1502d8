-- Officers by name with a current assignment in scope. The bbox is the latest position when
-- there is one (the map flies to where the officer is), otherwise the grid they answer for.
SELECT DISTINCT ON (o.id)
       'officer' AS kind, o.id::text AS id, o.name AS label, g.name AS detail,
       coalesce(l.lon, ST_XMin(g.boundary)), coalesce(l.lat, ST_YMin(g.boundary)),
       coalesce(l.lon, ST_XMax(g.boundary)), coalesce(l.lat, ST_YMax(g.boundary))
FROM officer o
JOIN officer_assignment a ON a.officer_id = o.id AND a.until IS NULL
JOIN grid g ON g.code = a.grid_code AND g.valid_to IS NULL
LEFT JOIN officer_latest l ON l.officer_id = o.id
WHERE o.name LIKE @contains
  AND (@everything OR a.grid_code LIKE ANY (@patterns))
ORDER BY o.id, g.level DESC
LIMIT @limit;

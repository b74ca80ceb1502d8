-- Cases by number (any part of it) or a word of the description, newest first, within scope.
-- The bbox is the case's point; the detail is its grid's name.
SELECT 'case' AS kind, c.id::text AS id, c.number AS label, g.name AS detail,
       c.lon, c.lat, c.lon, c.lat
FROM hazard_case c
JOIN grid g ON g.code = c.grid_code AND g.valid_to IS NULL
WHERE (c.number LIKE @contains OR c.description LIKE @contains)
  AND (@everything OR c.grid_code LIKE ANY (@patterns))
ORDER BY c.created_at DESC
LIMIT @limit;

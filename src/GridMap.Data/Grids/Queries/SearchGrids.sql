SELECT 'grid' AS kind, g.code AS id, g.name AS label, g.code AS detail,
       ST_XMin(g.boundary), ST_YMin(g.boundary), ST_XMax(g.boundary), ST_YMax(g.boundary)
FROM grid g
WHERE g.valid_to IS NULL
  AND (g.code LIKE @prefix OR g.name LIKE @contains)
  AND (@everything OR g.code LIKE ANY (@patterns))
ORDER BY g.level, g.code
LIMIT @limit;

SELECT 'building' AS kind, b.id::text AS id, b.address AS label, g.name AS detail,
       ST_XMin(b.footprint), ST_YMin(b.footprint), ST_XMax(b.footprint), ST_YMax(b.footprint)
FROM building b
JOIN grid g ON g.code = b.grid_code AND g.valid_to IS NULL
WHERE b.address LIKE @contains
  AND (@everything OR b.grid_code LIKE ANY (@patterns))
ORDER BY b.address
LIMIT @limit;

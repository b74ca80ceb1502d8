SELECT g.code, g.name, g.level
FROM grid g
WHERE g.valid_to IS NULL
  AND g.code = ANY (@codes)
ORDER BY g.level;

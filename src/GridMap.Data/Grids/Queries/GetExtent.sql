SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (SELECT ST_Extent(g.boundary)::geometry AS e
      FROM grid g
      WHERE g.valid_to IS NULL
        AND (@everything OR g.code LIKE ANY (@patterns))) x
WHERE e IS NOT NULL;

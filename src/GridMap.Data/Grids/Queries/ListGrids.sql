-- Current grids in scope with their registry counts. Counts aggregate per third-level grid
-- first and then roll up by code prefix, so one pass over buildings serves every level.
WITH scoped AS (
    SELECT g.code, g.name, g.level, g.parent_code, g.boundary
    FROM grid g
    WHERE g.valid_to IS NULL
      AND (@level::int IS NULL OR g.level = @level)
      AND (@everything OR g.code LIKE ANY (@patterns))
),
leaf AS (
    SELECT b.grid_code,
           count(*)::int AS buildings,
           coalesce(sum(u.units), 0)::int AS rental_units,
           coalesce(sum(r.residents), 0)::int AS residents,
           coalesce(sum(r.migrants), 0)::int AS migrants
    FROM building b
    LEFT JOIN LATERAL (
        SELECT count(*) AS units FROM rental_house h JOIN rental_unit ru ON ru.rental_house_id = h.id
        WHERE h.building_id = b.id) u ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS residents, count(*) FILTER (WHERE rs.is_migrant) AS migrants
        FROM resident rs WHERE rs.building_id = b.id AND rs.departed_on IS NULL) r ON true
    WHERE (@everything OR b.grid_code LIKE ANY (@patterns))
    GROUP BY b.grid_code
)
SELECT s.code, s.name, s.level, s.parent_code,
       ST_XMin(s.boundary) AS min_lon, ST_YMin(s.boundary) AS min_lat,
       ST_XMax(s.boundary) AS max_lon, ST_YMax(s.boundary) AS max_lat,
       coalesce(sum(l.buildings), 0)::int AS buildings,
       coalesce(sum(l.rental_units), 0)::int AS rental_units,
       coalesce(sum(l.residents), 0)::int AS residents,
       coalesce(sum(l.migrants), 0)::int AS migrants
FROM scoped s
LEFT JOIN leaf l ON l.grid_code LIKE s.code || '%'
GROUP BY s.code, s.name, s.level, s.parent_code, s.boundary
ORDER BY s.code;

-- Runs only when validation found no error, in the same transaction and under the lock taken
-- in CreateStage.sql. A grid is never overwritten: the current row is closed and a new
-- version inserted, both stamped with the transaction's now() so the history has no hole.

UPDATE import_grid_stage s
SET prev_version = v.max_version,
    replaces = v.current_version IS NOT NULL,
    prev_land_use = v.land_use,
    prev_households = v.households
FROM (
    SELECT g.code,
           max(g.version) AS max_version,
           max(g.version) FILTER (WHERE g.valid_to IS NULL) AS current_version,
           max(g.land_use) FILTER (WHERE g.valid_to IS NULL) AS land_use,
           max(g.households) FILTER (WHERE g.valid_to IS NULL) AS households
    FROM grid g
    WHERE g.code IN (SELECT grid_code FROM import_grid_stage WHERE grid_code IS NOT NULL)
    GROUP BY g.code
) v
WHERE v.code = s.grid_code;

UPDATE grid g
SET valid_to = now()
FROM import_grid_stage s
WHERE g.code = s.grid_code AND g.valid_to IS NULL;

-- land_use and households carry over from the current version when the file leaves them out,
-- so a boundary-only file does not wipe them.
INSERT INTO grid (code, name, level, parent_code, land_use, boundary, boundary_3857, label_point,
                  households, version, valid_from)
SELECT s.grid_code, s.name, s.level, s.parent_code,
       coalesce(s.land_use, s.prev_land_use),
       m.geom, ST_Transform(m.geom, 3857), ST_PointOnSurface(m.geom),
       coalesce(s.households, s.prev_households, 0),
       coalesce(s.prev_version, 0) + 1,
       now()
FROM import_grid_stage s
CROSS JOIN LATERAL (SELECT ST_Multi(s.geom)::geometry(MultiPolygon, 4326) AS geom) m
ORDER BY s.idx;

-- Part of every tile's cache key: cached tiles of the old boundaries stop being served.
UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;

SELECT count(*) FILTER (WHERE NOT s.replaces)::int AS imported,
       count(*) FILTER (WHERE s.replaces)::int AS replaced,
       (SELECT d.version FROM data_version d WHERE d.id = 1) AS data_version
FROM import_grid_stage s;

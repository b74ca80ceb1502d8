-- Grid boundaries and label points. Deeper levels appear as the map zooms in; boundaries are
-- simplified to a fraction of a pixel below z14 so that low zooms stay small.
WITH env AS (
    SELECT ST_TileEnvelope(@z, @x, @y) AS tile,
           ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096) AS search
),
polygons AS (
    SELECT ST_AsMVTGeom(
               CASE WHEN @tolerance > 0 THEN ST_Simplify(g.boundary_3857, @tolerance, true) ELSE g.boundary_3857 END,
               env.tile, 4096, 64, true) AS geom,
           g.code, g.name, g.level
    FROM grid g, env
    WHERE g.valid_to IS NULL
      AND g.level <= @max_level
      AND g.boundary_3857 && env.search
      AND (@everything OR g.code LIKE ANY (@patterns))
),
labels AS (
    SELECT ST_AsMVTGeom(ST_Transform(g.label_point, 3857), env.tile, 4096, 0, true) AS geom,
           g.code, g.name, g.level
    FROM grid g, env
    WHERE g.valid_to IS NULL
      AND g.level <= @max_level
      AND g.boundary_3857 && env.tile
      AND ST_Transform(g.label_point, 3857) && env.tile
      AND (@everything OR g.code LIKE ANY (@patterns))
)
SELECT coalesce((SELECT ST_AsMVT(p, 'grids', 4096, 'geom') FROM polygons p WHERE p.geom IS NOT NULL), ''::bytea)
    || coalesce((SELECT ST_AsMVT(l, 'grid_labels', 4096, 'geom') FROM labels l WHERE l.geom IS NOT NULL), ''::bytea);

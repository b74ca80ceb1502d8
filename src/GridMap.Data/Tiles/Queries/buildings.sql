WITH env AS (
    SELECT ST_TileEnvelope(@z, @x, @y) AS tile,
           ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096) AS search
),
features AS (
    SELECT ST_AsMVTGeom(b.footprint_3857, env.tile, 4096, 64, true) AS geom,
           b.id, b.kind, b.management_mode AS mode, b.floors,
           EXISTS (SELECT 1 FROM rental_house h WHERE h.building_id = b.id) AS rental,
           b.access_control AS access, b.address
    FROM building b, env
    WHERE b.footprint_3857 && env.search
      AND (@everything OR b.grid_code LIKE ANY (@patterns))
)
SELECT coalesce((SELECT ST_AsMVT(f, 'buildings', 4096, 'geom') FROM features f WHERE f.geom IS NOT NULL), ''::bytea);

-- The district's own base map: water, blocks and roads, thinned by zoom.
WITH env AS (
    SELECT ST_TileEnvelope(@z, @x, @y) AS tile,
           ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096) AS search
),
water AS (
    SELECT ST_AsMVTGeom(
               CASE WHEN @tolerance > 0 THEN ST_Simplify(w.geom_3857, @tolerance, true) ELSE w.geom_3857 END,
               env.tile, 4096, 64, true) AS geom, w.name
    FROM base_water w, env
    WHERE w.geom_3857 && env.search
),
blocks AS (
    SELECT ST_AsMVTGeom(k.geom_3857, env.tile, 4096, 64, true) AS geom, k.kind
    FROM base_block k, env
    WHERE @z >= 13 AND k.geom_3857 && env.search
),
roads AS (
    SELECT ST_AsMVTGeom(r.geom_3857, env.tile, 4096, 64, true) AS geom, r.class, r.name
    FROM base_road r, env
    WHERE r.geom_3857 && env.search
      AND (r.class IN ('primary', 'secondary')
           OR (r.class = 'street' AND @z >= 13)
           OR (r.class = 'lane' AND @z >= 15))
)
SELECT coalesce((SELECT ST_AsMVT(w, 'water', 4096, 'geom') FROM water w WHERE w.geom IS NOT NULL), ''::bytea)
    || coalesce((SELECT ST_AsMVT(b, 'blocks', 4096, 'geom') FROM blocks b WHERE b.geom IS NOT NULL), ''::bytea)
    || coalesce((SELECT ST_AsMVT(r, 'roads', 4096, 'geom') FROM roads r WHERE r.geom IS NOT NULL), ''::bytea);

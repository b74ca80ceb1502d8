WITH env AS (
    SELECT ST_TileEnvelope(@z, @x, @y) AS tile
),
houses AS (
    SELECT b.id, h.id AS house_id, h.is_large, ST_Centroid(b.footprint_3857) AS point
    FROM building b
    JOIN rental_house h ON h.building_id = b.id, env
    WHERE b.footprint_3857 && env.tile
      AND (@everything OR b.grid_code LIKE ANY (@patterns))
),
features AS (
    SELECT ST_AsMVTGeom(hs.point, env.tile, 4096, 0, true) AS geom,
           hs.id, count(u.id)::int AS units, coalesce(sum(u.capacity), 0)::int AS capacity,
           hs.is_large AS large
    FROM houses hs
    CROSS JOIN env
    LEFT JOIN rental_unit u ON u.rental_house_id = hs.house_id
    WHERE hs.point && env.tile
    GROUP BY hs.id, hs.point, hs.is_large, env.tile
)
SELECT coalesce((SELECT ST_AsMVT(f, 'rentals', 4096, 'geom') FROM features f WHERE f.geom IS NOT NULL), ''::bytea);

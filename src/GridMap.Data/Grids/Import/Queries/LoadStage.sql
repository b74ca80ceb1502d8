-- All features in one statement: parallel arrays, one element per feature.
INSERT INTO import_grid_stage (idx, code, grid_code, parent_code, level, name, land_use, households, geojson, geom, parse_error)
SELECT f.idx, f.code, f.grid_code, f.parent_code, f.level, f.name, f.land_use, f.households, f.geojson,
       p.geom, p.error
FROM unnest(@idx::int[], @code::text[], @grid_code::text[], @parent_code::text[], @level::smallint[],
            @name::text[], @land_use::text[], @households::int[], @geojson::text[])
         AS f (idx, code, grid_code, parent_code, level, name, land_use, households, geojson)
CROSS JOIN LATERAL pg_temp.gridmap_parse_geojson(f.geojson) AS p;

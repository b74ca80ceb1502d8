-- Per-feature geometry checks, first failure wins: a geometry that is not a polygon or lies
-- outside lon/lat is not worth a validity reason. Only geom_ok features take part in the
-- spatial checks that follow, so GEOS never sees an invalid input there.
UPDATE import_grid_stage s
SET geom_check = c.check_name,
    geom_message = c.message,
    geom_ok = c.check_name IS NULL
FROM (
    SELECT idx,
           CASE
               WHEN parse_error IS NOT NULL THEN 'geometry'
               WHEN GeometryType(geom) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN 'geometry type'
               WHEN ST_IsEmpty(geom) THEN 'empty'
               WHEN ST_XMin(geom) < -180 OR ST_XMax(geom) > 180 OR ST_YMin(geom) < -90 OR ST_YMax(geom) > 90 THEN 'lon/lat range'
               WHEN NOT ST_IsValid(geom) THEN 'validity'
           END AS check_name,
           CASE
               WHEN parse_error IS NOT NULL THEN format('PostGIS cannot read the geometry: %s', parse_error)
               WHEN GeometryType(geom) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN
                   format('geometry is a %s; only Polygon and MultiPolygon are accepted', initcap(GeometryType(geom)))
               WHEN ST_IsEmpty(geom) THEN 'geometry is empty'
               WHEN ST_XMin(geom) < -180 OR ST_XMax(geom) > 180 OR ST_YMin(geom) < -90 OR ST_YMax(geom) > 90 THEN
                   format('coordinates span x %s..%s, y %s..%s, outside longitude/latitude; is the file projected (metres) or are x and y swapped?',
                          round(ST_XMin(geom)::numeric, 6), round(ST_XMax(geom)::numeric, 6),
                          round(ST_YMin(geom)::numeric, 6), round(ST_YMax(geom)::numeric, 6))
               WHEN NOT ST_IsValid(geom) THEN format('invalid geometry: %s', ST_IsValidReason(geom))
           END AS message
    FROM import_grid_stage
    WHERE geom IS NOT NULL OR parse_error IS NOT NULL
) c
WHERE s.idx = c.idx;

-- Areas on the spheroid, in m², for the tolerances. Level-1 siblings have no parent grid, so
-- communities are compared within their street (first 9 digits).
UPDATE import_grid_stage
SET area_m2 = ST_Area(geom::geography),
    sibling_key = coalesce(parent_code, left(grid_code, 9))
WHERE geom_ok;

-- Autovacuum never analyses temp tables; without statistics the planner guesses badly on
-- files of thousands of features.
ANALYZE import_grid_stage;

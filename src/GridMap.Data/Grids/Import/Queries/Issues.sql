-- Every error and warning the database can find, in one round trip. Columns: feature index
-- (NULL for a grid that is not in the file), code, check, message, is_warning, and a rank that
-- keeps each feature's issues in the order of the checks below.
-- Tolerances: an overhang, overlap or gap counts only when its area exceeds
-- greatest(@min_tolerance m², @relative_tolerance × the grid's own area), all on the spheroid.
-- Spatial checks use geom_ok features only; CASE keeps ST_Difference/ST_Intersection from
-- running on pairs that need no area.

-- Geometry faults found by CheckGeometries.sql.
SELECT s.idx, s.code, s.geom_check AS check_name, s.geom_message AS message, false AS is_warning, 1 AS rank
FROM import_grid_stage s
WHERE s.geom_check IS NOT NULL

UNION ALL
-- The parent must be in the file or current in the database.
SELECT c.idx, c.code, 'parent',
       format('parent grid %s is neither in this file nor current in the database', c.parent_code), false, 2
FROM import_grid_stage c
WHERE c.grid_code IS NOT NULL AND c.parent_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM import_grid_stage p WHERE p.grid_code = c.parent_code)
  AND NOT EXISTS (SELECT 1 FROM grid g WHERE g.valid_to IS NULL AND g.code = c.parent_code)

UNION ALL
-- A child lies within its parent as the parent will be after the import: the file's boundary
-- when the file brings the parent, otherwise the current one.
SELECT n.idx, n.code, 'nesting',
       CASE WHEN NOT n.touches
            THEN format('lies entirely outside its parent %s', n.parent_code)
            ELSE format('extends %s m² (%s%% of its area) outside its parent %s (tolerance %s m²)',
                        round(n.outside_m2::numeric, 1), round((100 * n.outside_m2 / n.area_m2)::numeric, 2),
                        n.parent_code, round(n.tolerance::numeric, 1))
       END, false, 3
FROM (
    SELECT c.idx, c.code, c.parent_code, c.area_m2, ST_Intersects(c.geom, p.geom) AS touches,
           greatest(@min_tolerance, @relative_tolerance * c.area_m2) AS tolerance,
           CASE WHEN ST_CoveredBy(c.geom, p.geom) THEN 0
                ELSE ST_Area(ST_CollectionExtract(ST_Difference(c.geom, p.geom), 3)::geography)
           END AS outside_m2
    FROM import_grid_stage c
    CROSS JOIN LATERAL (
        SELECT s.geom FROM import_grid_stage s WHERE s.grid_code = c.parent_code AND s.geom_ok
        UNION ALL
        SELECT g.boundary FROM grid g
        WHERE g.valid_to IS NULL AND g.code = c.parent_code
          AND NOT EXISTS (SELECT 1 FROM import_grid_stage s WHERE s.grid_code = c.parent_code)
    ) p
    WHERE c.grid_code IS NOT NULL AND c.parent_code IS NOT NULL AND c.geom_ok
) n
WHERE n.outside_m2 > n.tolerance

UNION ALL
-- A new boundary for a parent must still hold the current children the file leaves alone.
SELECT x.idx, x.code, 'children',
       format('current child grid %s (not in this file) would extend %s m² outside the new boundary; bring it in the file with a boundary that fits',
              x.child_code, round(x.outside_m2::numeric, 1)), false, 4
FROM (
    SELECT p.idx, p.code, k.code AS child_code,
           greatest(@min_tolerance, @relative_tolerance * ST_Area(k.boundary::geography)) AS tolerance,
           CASE WHEN ST_CoveredBy(k.boundary, p.geom) THEN 0
                ELSE ST_Area(ST_CollectionExtract(ST_Difference(k.boundary, p.geom), 3)::geography)
           END AS outside_m2
    FROM import_grid_stage p
    JOIN grid k ON k.valid_to IS NULL AND k.parent_code = p.grid_code
    WHERE p.grid_code IS NOT NULL AND p.geom_ok
      AND NOT EXISTS (SELECT 1 FROM import_grid_stage s WHERE s.grid_code = k.code)
) x
WHERE x.outside_m2 > x.tolerance

UNION ALL
-- Siblings within the file must not overlap; reported once, on the later feature.
SELECT o.idx, o.code, 'overlap',
       format('overlaps sibling feature #%s (%s) by %s m²', o.other_idx, o.other_code, round(o.overlap_m2::numeric, 1)), false, 5
FROM (
    SELECT b.idx, b.code, a.idx AS other_idx, a.code AS other_code,
           greatest(@min_tolerance, @relative_tolerance * least(a.area_m2, b.area_m2)) AS tolerance,
           CASE WHEN ST_Intersects(a.geom, b.geom)
                THEN ST_Area(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3)::geography)
                ELSE 0
           END AS overlap_m2
    FROM import_grid_stage a
    JOIN import_grid_stage b ON b.sibling_key = a.sibling_key AND a.idx < b.idx AND a.geom && b.geom
    WHERE a.geom_ok AND b.geom_ok
) o
WHERE o.overlap_m2 > o.tolerance

UNION ALL
-- ... nor overlap current siblings that the file does not replace.
SELECT o.idx, o.code, 'overlap',
       format('overlaps current grid %s (not in this file) by %s m²', o.other_code, round(o.overlap_m2::numeric, 1)), false, 6
FROM (
    SELECT a.idx, a.code, g.code AS other_code,
           greatest(@min_tolerance, @relative_tolerance * least(a.area_m2, ST_Area(g.boundary::geography))) AS tolerance,
           CASE WHEN ST_Intersects(a.geom, g.boundary)
                THEN ST_Area(ST_CollectionExtract(ST_Intersection(a.geom, g.boundary), 3)::geography)
                ELSE 0
           END AS overlap_m2
    FROM import_grid_stage a
    JOIN grid g ON g.valid_to IS NULL AND g.boundary && a.geom
               AND coalesce(g.parent_code, left(g.code, 9)) = a.sibling_key
    WHERE a.geom_ok AND a.sibling_key IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM import_grid_stage s WHERE s.grid_code = g.code)
) o
WHERE o.overlap_m2 > o.tolerance

UNION ALL
-- Gaps are warnings: a parent the file brings children for should be covered by them (the
-- file's children plus the current ones it leaves alone). A partial import is legitimate.
SELECT w.idx, w.code, 'gap',
       format('%s m² (%s%% of grid %s) is not covered by its children', round(w.gap_m2::numeric, 1),
              round((100 * w.gap_m2 / nullif(w.parent_m2, 0))::numeric, 2), w.code), true, 7
FROM (
    SELECT p.idx, gp.code, ST_Area(p.geom::geography) AS parent_m2,
           greatest(@min_tolerance, @relative_tolerance * ST_Area(p.geom::geography)) AS tolerance,
           ST_Area(ST_CollectionExtract(ST_Difference(p.geom, ch.geom), 3)::geography) AS gap_m2
    FROM (SELECT DISTINCT c.parent_code AS code
          FROM import_grid_stage c
          WHERE c.grid_code IS NOT NULL AND c.parent_code IS NOT NULL AND c.geom_ok) gp
    CROSS JOIN LATERAL (
        SELECT s.idx, s.geom FROM import_grid_stage s WHERE s.grid_code = gp.code AND s.geom_ok
        UNION ALL
        SELECT NULL::int, g.boundary FROM grid g
        WHERE g.valid_to IS NULL AND g.code = gp.code
          AND NOT EXISTS (SELECT 1 FROM import_grid_stage s WHERE s.grid_code = gp.code)
    ) p
    CROSS JOIN LATERAL (
        SELECT ST_Union(x.geom) AS geom
        FROM (
            SELECT s.geom FROM import_grid_stage s
            WHERE s.parent_code = gp.code AND s.grid_code IS NOT NULL AND s.geom_ok
            UNION ALL
            SELECT g.boundary FROM grid g
            WHERE g.valid_to IS NULL AND g.parent_code = gp.code
              AND NOT EXISTS (SELECT 1 FROM import_grid_stage s WHERE s.grid_code = g.code)
        ) x
    ) ch
) w
WHERE w.gap_m2 > w.tolerance
ORDER BY 1 NULLS LAST, rank, 2, 4;

-- The first twelve columns are those of ListGrids, so both read a GridSummary the same way.
SELECT g.code, g.name, g.level, g.parent_code,
       ST_XMin(g.boundary) AS min_lon, ST_YMin(g.boundary) AS min_lat,
       ST_XMax(g.boundary) AS max_lon, ST_YMax(g.boundary) AS max_lat,
       (SELECT count(*)::int FROM building b WHERE b.grid_code LIKE g.code || '%') AS buildings,
       (SELECT count(*)::int FROM building b JOIN rental_house h ON h.building_id = b.id
            JOIN rental_unit u ON u.rental_house_id = h.id WHERE b.grid_code LIKE g.code || '%') AS rental_units,
       (SELECT count(*)::int FROM building b JOIN resident r ON r.building_id = b.id
            WHERE b.grid_code LIKE g.code || '%' AND r.departed_on IS NULL) AS residents,
       (SELECT count(*)::int FROM building b JOIN resident r ON r.building_id = b.id
            WHERE b.grid_code LIKE g.code || '%' AND r.departed_on IS NULL AND r.is_migrant) AS migrants,
       g.land_use,
       -- Households are recorded on third-level grids; higher levels add up their blocks.
       (SELECT coalesce(sum(c.households), 0)::int FROM grid c
         WHERE c.valid_to IS NULL AND c.level = 3 AND c.code LIKE g.code || '%') AS households,
       (SELECT count(*)::int FROM grid c WHERE c.valid_to IS NULL AND c.parent_code = g.code) AS child_grids
FROM grid g
WHERE g.valid_to IS NULL
  AND g.code = @code
  AND (@everything OR g.code LIKE ANY (@patterns));

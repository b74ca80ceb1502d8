-- Open cases of the same sub-category at the same building or within @metres of the point
-- (measured on the spheroid), nearest first, same building before anything else.
WITH here AS (SELECT ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography AS g)
SELECT c.id, c.number, c.state, c.subcategory_code, c.building_id, c.grid_code, c.created_at, c.description,
       ST_Distance(c.geom::geography, here.g) AS metres,
       coalesce(c.building_id = @building, false) AS same_building
FROM hazard_case c, here
WHERE c.subcategory_code = @subcategory
  AND case_is_open(c.state)
  AND (@everything OR c.grid_code LIKE ANY (@patterns))
  AND ((@building::bigint IS NOT NULL AND c.building_id = @building)
       OR ST_DWithin(c.geom::geography, here.g, @metres))
ORDER BY same_building DESC, metres, c.id
LIMIT @limit;

-- Other current third-level grids within @metres of a point: a report that close to a boundary
-- is flagged so a person can confirm the grid the locator chose. The box test (a generous
-- degree margin: 1° is over 50 km below latitude 60°) lets the GiST index on boundary prune
-- before the exact distance on geography.
SELECT code
FROM grid
WHERE valid_to IS NULL AND level = 3 AND code <> @code
  AND boundary && ST_Expand(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), @metres / 50000.0)
  AND ST_DWithin(boundary::geography, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography, @metres)
ORDER BY code;

-- The case layer: cases in scope inside a bounding box (EPSG:4326), open ones and, when asked,
-- the ones closed or cancelled since @closed_since. Most recently changed first, so a cut-off at
-- @limit drops the stalest.
SELECT c.id, c.number, c.category_code, c.subcategory_code, s.name_zh, s.name_en, c.grid_code, c.state, c.severity,
       c.deadline, c.escalation_level, c.lat, c.lon, c.building_id, c.created_at, c.updated_at
FROM hazard_case c
JOIN hazard_subcategory s ON s.id = c.subcategory_id
WHERE (@everything OR c.grid_code LIKE ANY (@patterns))
  AND c.geom_3857 && ST_Transform(ST_MakeEnvelope(@min_lon, @min_lat, @max_lon, @max_lat, 4326), 3857)
  AND (case_is_open(c.state)
       OR (@closed_since::timestamptz IS NOT NULL AND coalesce(c.closed_at, c.updated_at) >= @closed_since))
ORDER BY c.updated_at DESC, c.id DESC
LIMIT @limit;

-- The console's case feed: the cases in scope that changed most recently, newest first.
SELECT c.id, c.number, c.category_code, c.subcategory_code, s.name_zh, s.name_en, c.grid_code, c.state, c.severity,
       c.deadline, c.escalation_level, c.lat, c.lon, c.building_id, c.created_at, c.updated_at
FROM hazard_case c
JOIN hazard_subcategory s ON s.id = c.subcategory_id
WHERE (@everything OR c.grid_code LIKE ANY (@patterns))
ORDER BY c.updated_at DESC, c.id DESC
LIMIT @limit;

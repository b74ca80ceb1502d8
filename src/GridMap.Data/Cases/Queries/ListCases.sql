-- A worklist: cases in scope, filtered, most urgent deadline first (no deadline last).
SELECT c.id, c.number, c.category_code, c.subcategory_code, s.name_zh, s.name_en, c.grid_code, c.state, c.severity,
       c.assignee_officer_id, c.stage, c.deadline, c.warned_at, c.escalation_level, c.lat, c.lon, c.building_id,
       c.created_at, c.updated_at, c.version
FROM hazard_case c
JOIN hazard_subcategory s ON s.id = c.subcategory_id
WHERE (@everything OR c.grid_code LIKE ANY (@patterns))
  AND (@grid::text IS NULL OR c.grid_code LIKE @grid || '%')
  AND (cardinality(@states::text[]) = 0 OR c.state = ANY (@states))
  AND (NOT @open_only OR c.state NOT IN ('closed', 'cancelled'))
  AND (@assignee::bigint IS NULL OR c.assignee_officer_id = @assignee)
  AND (@deadline_before::timestamptz IS NULL OR c.deadline < @deadline_before)
ORDER BY c.deadline ASC NULLS LAST, c.id
LIMIT @limit OFFSET @offset;

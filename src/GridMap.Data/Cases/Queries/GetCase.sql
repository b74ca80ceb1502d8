-- One case by id or number, within the caller's scope, with the limits of the taxonomy version
-- it was filed under. No trailing semicolon: CaseRepository appends FOR UPDATE OF c to lock it.
SELECT c.id, c.number, c.category_code, c.subcategory_code, c.subcategory_id,
       s.name_zh AS subcategory_name_zh, s.name_en AS subcategory_name_en,
       c.description, c.lat, c.lon, c.building_id, c.grid_code, c.state, c.parked_from, c.severity,
       c.assignee_officer_id, c.departments, c.reported_by, c.reporter_officer_id, c.source,
       c.created_at, c.updated_at, c.stage, c.stage_started_at, c.deadline, c.limit_amount, c.limit_unit,
       c.warned_at, c.escalation_level, c.rework_count, c.closed_at, c.duplicate_of, c.version,
       s.verify_amount, s.verify_unit, s.dispatch_amount, s.dispatch_unit,
       s.handle_amount, s.handle_unit, s.check_amount, s.check_unit
FROM hazard_case c
JOIN hazard_subcategory s ON s.id = c.subcategory_id
WHERE (c.id = @id OR c.number = @number)
  AND (@everything OR c.grid_code LIKE ANY (@patterns))

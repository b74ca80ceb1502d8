INSERT INTO hazard_case (
    number, category_code, subcategory_code, subcategory_id, description, lat, lon, building_id, grid_code,
    state, severity, departments, reported_by, reporter_officer_id, source, created_at, updated_at,
    stage, stage_started_at, deadline, limit_amount, limit_unit, escalation_level, version)
VALUES (
    @number, @category_code, @subcategory_code, @subcategory_id, @description, @lat, @lon, @building_id, @grid_code,
    @state, @severity, @departments, @reported_by, @reporter_officer_id, @source, @now, @now,
    @stage, @stage_started_at, @deadline, @limit_amount, @limit_unit, 0, @version)
RETURNING id;

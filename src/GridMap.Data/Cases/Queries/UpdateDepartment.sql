-- Renames (names NULL: keep) and retires or restores (active NULL: keep) a department.
UPDATE department
SET name_zh = coalesce(@name_zh, name_zh),
    name_en = coalesce(@name_en, name_en),
    sort_order = coalesce(@sort_order, sort_order),
    active = coalesce(@active, active)
WHERE code = @code
RETURNING code;

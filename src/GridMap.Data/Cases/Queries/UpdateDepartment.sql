-- Renames (names NULL: keep) and retires or restores (active NULL: keep) a department, and sets
-- or clears where it takes notifications (@set_notify_url false: keep; @notify_url NULL: the
-- console inbox). Rows already in the outbox keep the URL they were written with.
UPDATE department
SET name_zh = coalesce(@name_zh, name_zh),
    name_en = coalesce(@name_en, name_en),
    sort_order = coalesce(@sort_order, sort_order),
    active = coalesce(@active, active),
    notify_url = CASE WHEN @set_notify_url THEN @notify_url ELSE notify_url END
WHERE code = @code
RETURNING code;

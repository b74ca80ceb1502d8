-- The status of one notification within the scope (none: absent or outside the scope).
SELECT status FROM department_notification n
WHERE n.id = @id AND (@everything OR n.grid_code LIKE ANY (@patterns));

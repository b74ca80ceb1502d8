-- How many notifications the delivery view's filter matches (for its page links).
SELECT count(*)
FROM department_notification n
WHERE (@department::text IS NULL OR n.department_code = @department)
  AND (@status::text IS NULL OR n.status = @status)
  AND (@everything OR n.grid_code LIKE ANY (@patterns));

-- Notifications of a department or of a case; the case's grid is checked against the scope.
SELECT n.id, n.event_id, n.case_id, c.number AS case_number, n.grid_code, n.department_code, n.action,
       n.payload::text AS payload, n.created_at, n.status, n.target_url, n.attempts, n.next_attempt_at,
       n.last_error, n.delivered_at
FROM department_notification n
JOIN hazard_case c ON c.id = n.case_id
WHERE (@department::text IS NULL OR n.department_code = @department)
  AND (@case::bigint IS NULL OR n.case_id = @case)
  AND (@everything OR n.grid_code LIKE ANY (@patterns))
ORDER BY n.created_at DESC, n.id DESC
LIMIT @limit;

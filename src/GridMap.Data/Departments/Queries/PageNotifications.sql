-- One page of the delivery view, newest first, with who retried each row last (if anyone).
SELECT n.id, n.event_id, n.case_id, c.number AS case_number, n.grid_code, n.department_code, n.action,
       n.payload::text AS payload, n.created_at, n.status, n.target_url, n.attempts, n.next_attempt_at,
       n.last_error, n.delivered_at,
       coalesce(r.retries, 0) AS retries, r.last_retried_by, r.last_retried_at
FROM department_notification n
JOIN hazard_case c ON c.id = n.case_id
LEFT JOIN LATERAL (
    SELECT count(*)::int AS retries,
           (array_agg(x.retried_by ORDER BY x.retried_at DESC, x.id DESC))[1] AS last_retried_by,
           max(x.retried_at) AS last_retried_at
    FROM department_notification_retry x
    WHERE x.notification_id = n.id
) r ON true
WHERE (@department::text IS NULL OR n.department_code = @department)
  AND (@status::text IS NULL OR n.status = @status)
  AND (@everything OR n.grid_code LIKE ANY (@patterns))
ORDER BY n.created_at DESC, n.id DESC
LIMIT @limit OFFSET @offset;

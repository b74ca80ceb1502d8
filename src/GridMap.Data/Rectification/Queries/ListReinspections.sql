-- Re-inspections in the caller's scope: of one case, or (due_only) those due by @now that are
-- still open: no result yet, the notice not superseded, the case neither closed nor cancelled.
SELECT r.id, r.notice_id, n.number AS notice_number, r.case_id, c.number AS case_number, r.grid_code,
       r.round, r.due_at, r.created_at, c.assignee_officer_id,
       res.result, res.note, res.photo_ids, res.recorded_by, res.recorded_by_name, res.recorded_at,
       (res.reinspection_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM rectification_notice s WHERE s.supersedes = n.id)
        AND case_is_open(c.state)) AS open
FROM reinspection r
JOIN rectification_notice n ON n.id = r.notice_id
JOIN hazard_case c ON c.id = r.case_id
LEFT JOIN reinspection_result res ON res.reinspection_id = r.id
WHERE (@everything OR r.grid_code LIKE ANY (@patterns))
  AND (@case::bigint IS NULL OR r.case_id = @case)
  AND (@id::bigint IS NULL OR r.id = @id)
  AND (NOT @due_only OR (r.due_at <= @now
                         AND res.reinspection_id IS NULL
                         AND NOT EXISTS (SELECT 1 FROM rectification_notice s WHERE s.supersedes = n.id)
                         AND case_is_open(c.state)))
ORDER BY r.due_at, r.id
LIMIT @limit;

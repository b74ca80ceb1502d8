-- A re-inspection about to get its result, locked so that two results cannot race.
SELECT r.id, r.notice_id, r.case_id, r.grid_code, r.round, c.assignee_officer_id, c.state,
       EXISTS (SELECT 1 FROM reinspection_result x WHERE x.reinspection_id = r.id) AS has_result,
       EXISTS (SELECT 1 FROM rectification_notice s WHERE s.supersedes = r.notice_id) AS superseded
FROM reinspection r
JOIN hazard_case c ON c.id = r.case_id
WHERE r.id = @id
  AND (@everything OR r.grid_code LIKE ANY (@patterns))
FOR UPDATE OF r

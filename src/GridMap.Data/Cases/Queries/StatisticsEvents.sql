-- The timelines of the cohort, up to the end of the period.
SELECT e.case_id, e.seq, e.action, e.from_state, e.to_state, e.actor, e.actor_name, e.actor_role, e.actor_officer_id,
       e.at, e.lat, e.lon, e.note, e.photo_ids, e.assignee_officer_id, e.departments, e.escalation_level,
       e.due_at, e.deadline, e.cancel_reason, e.duplicate_of, e.rule
FROM case_event e
JOIN hazard_case c ON c.id = e.case_id
WHERE c.created_at >= @from AND c.created_at < @to
  AND (@everything OR c.grid_code LIKE ANY (@patterns))
  AND e.at < @to
ORDER BY e.case_id, e.seq;

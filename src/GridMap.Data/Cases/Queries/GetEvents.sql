SELECT e.case_id, e.seq, e.action, e.from_state, e.to_state, e.actor, e.actor_name, e.actor_role, e.actor_officer_id,
       e.at, e.lat, e.lon, e.note, e.photo_ids, e.assignee_officer_id, e.departments, e.escalation_level,
       e.due_at, e.deadline, e.cancel_reason, e.duplicate_of, e.rule
FROM case_event e
WHERE e.case_id = @case
ORDER BY e.seq;

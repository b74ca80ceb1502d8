INSERT INTO case_event (
    case_id, seq, action, from_state, to_state, actor, actor_name, actor_role, actor_officer_id, at, lat, lon,
    note, photo_ids, assignee_officer_id, departments, escalation_level, due_at, deadline,
    cancel_reason, duplicate_of, rule)
VALUES (
    @case_id, @seq, @action, @from_state, @to_state, @actor, @actor_name, @actor_role, @actor_officer_id, @at, @lat, @lon,
    @note, @photo_ids, @assignee_officer_id, @departments, @escalation_level, @due_at, @deadline,
    @cancel_reason, @duplicate_of, @rule)
RETURNING id;

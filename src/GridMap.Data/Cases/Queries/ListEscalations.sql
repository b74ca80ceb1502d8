SELECT x.level, x.target_grid_code, x.stage, x.due_at, x.at, x.escalated_by, e.seq
FROM case_escalation x
JOIN case_event e ON e.id = x.event_id
WHERE x.case_id = @case
ORDER BY x.at, x.id;

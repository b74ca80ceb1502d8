INSERT INTO case_escalation (case_id, event_id, level, target_grid_code, stage, due_at, at, escalated_by)
VALUES (@case_id, @event_id, @level, @target_grid_code, @stage, @due_at, @at, @escalated_by);

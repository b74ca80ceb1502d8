-- Writes the status the workflow computed. The version guard makes a lost update impossible
-- even without the row lock the repository takes first.
UPDATE hazard_case
SET state = @state,
    parked_from = @parked_from,
    assignee_officer_id = @assignee_officer_id,
    departments = @departments,
    stage = @stage,
    stage_started_at = @stage_started_at,
    deadline = @deadline,
    limit_amount = @limit_amount,
    limit_unit = @limit_unit,
    warned_at = @warned_at,
    escalation_level = @escalation_level,
    rework_count = @rework_count,
    closed_at = @closed_at,
    duplicate_of = @duplicate_of,
    version = @version,
    updated_at = @now
WHERE id = @id AND version = @expected_version;

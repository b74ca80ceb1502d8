-- Which case states are terminal (结案 closed, 作废 cancelled), said once in the database: every
-- query that asks "is this case still open?" calls case_is_open(state) instead of repeating the
-- list (it matches CaseState's terminal states in GridMap.Domain).
--
-- IMMUTABLE so that it may stand in partial-index predicates; a plain SQL expression with no
-- STRICT or SECURITY DEFINER, so the planner inlines it into `state <> ALL ('{closed,cancelled}')`
-- both in queries and in index predicates, and a query's `case_is_open(c.state)` still proves a
-- partial index's `WHERE case_is_open(state)`. Changing the list is a new migration that
-- replaces this function and then REINDEXes the partial indexes below (they store its result).
CREATE FUNCTION case_is_open(state text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN state NOT IN ('closed', 'cancelled');

COMMENT ON FUNCTION case_is_open(text) IS
    'Whether a hazard_case state is not terminal (closed, cancelled): the one definition of an open case.';

-- The partial indexes of 0006 listed the states themselves; the same indexes, on the function.
DROP INDEX hazard_case_open_deadline;
CREATE INDEX hazard_case_open_deadline ON hazard_case (deadline) WHERE case_is_open(state);
DROP INDEX hazard_case_assignee;
CREATE INDEX hazard_case_assignee ON hazard_case (assignee_officer_id) WHERE case_is_open(state);

-- The distinct limits of the clocks now running (a handful: they come from the taxonomy).
SELECT DISTINCT c.limit_unit, c.limit_amount
FROM hazard_case c
WHERE c.deadline IS NOT NULL AND c.limit_unit IS NOT NULL AND case_is_open(c.state);

-- Counts per state of a worklist's filters (all but the state filter), for the tabs above it.
SELECT c.state, count(*) AS cases
FROM hazard_case c
WHERE (@everything OR c.grid_code LIKE ANY (@patterns))
  AND (@grid::text IS NULL OR c.grid_code LIKE @grid || '%')
  AND (@grid_prefix::text IS NULL OR c.grid_code LIKE @grid_prefix || '%')
  AND (NOT @open_only OR case_is_open(c.state))
  AND (@assignee::bigint IS NULL OR c.assignee_officer_id = @assignee)
  AND (NOT @unassigned OR c.assignee_officer_id IS NULL)
  AND (@text_patterns::text[] IS NULL OR c.number LIKE ALL (@text_patterns) OR c.description LIKE ALL (@text_patterns))
  AND (@category::text IS NULL OR c.category_code = @category OR c.subcategory_code = @category)
  AND (@reported_from::timestamptz IS NULL OR c.created_at >= @reported_from)
  AND (@reported_before::timestamptz IS NULL OR c.created_at < @reported_before)
  AND (@deadline_before::timestamptz IS NULL OR c.deadline < @deadline_before)
  AND (NOT @nearing OR (c.deadline >= @now AND EXISTS (
        SELECT 1 FROM unnest(@near_units::text[], @near_amounts::numeric[], @near_cutoffs::timestamptz[]) AS n(unit, amount, cutoff)
        WHERE n.unit = c.limit_unit AND n.amount = c.limit_amount AND c.deadline <= n.cutoff)))
GROUP BY c.state;

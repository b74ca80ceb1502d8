-- A worklist: cases in scope, filtered, sorted (default: most urgent deadline first, no deadline
-- last) and paged here rather than in memory, so it stays fast with thousands of cases.
-- "total" is the count of the whole filtered list, for paging.
SELECT c.id, c.number, c.category_code, c.subcategory_code, s.name_zh, s.name_en, c.grid_code, c.state, c.severity,
       c.assignee_officer_id, c.stage, c.deadline, c.warned_at, c.escalation_level, c.lat, c.lon, c.building_id,
       c.created_at, c.updated_at, c.version, c.stage_started_at, c.limit_amount, c.limit_unit,
       count(*) OVER () AS total
FROM hazard_case c
JOIN hazard_subcategory s ON s.id = c.subcategory_id
WHERE (@everything OR c.grid_code LIKE ANY (@patterns))
  AND (@grid::text IS NULL OR c.grid_code LIKE @grid || '%')
  AND (@grid_prefix::text IS NULL OR c.grid_code LIKE @grid_prefix || '%')
  AND (cardinality(@states::text[]) = 0 OR c.state = ANY (@states))
  AND (NOT @open_only OR case_is_open(c.state))
  AND (@assignee::bigint IS NULL OR c.assignee_officer_id = @assignee)
  AND (NOT @unassigned OR c.assignee_officer_id IS NULL)
  AND (@text_patterns::text[] IS NULL OR c.number LIKE ALL (@text_patterns) OR c.description LIKE ALL (@text_patterns))
  AND (@category::text IS NULL OR c.category_code = @category OR c.subcategory_code = @category)
  AND (@reported_from::timestamptz IS NULL OR c.created_at >= @reported_from)
  AND (@reported_before::timestamptz IS NULL OR c.created_at < @reported_before)
  AND (@deadline_before::timestamptz IS NULL OR c.deadline < @deadline_before)
  -- Nearing: not overdue, and the deadline within the last part of its limit, measured on the
  -- limit's own clock; the caller turns each (unit, amount) of a running limit into the latest
  -- deadline that counts as nearing now (see CaseRepository.NearingCutoffsAsync).
  AND (NOT @nearing OR (c.deadline >= @now AND EXISTS (
        SELECT 1 FROM unnest(@near_units::text[], @near_amounts::numeric[], @near_cutoffs::timestamptz[]) AS n(unit, amount, cutoff)
        WHERE n.unit = c.limit_unit AND n.amount = c.limit_amount AND c.deadline <= n.cutoff)))
ORDER BY
  CASE WHEN @sort = 'state' THEN array_position(
    ARRAY['reported', 'verified', 'dispatched', 'accepted', 'in_handling', 'handled', 'checked', 'parked', 'closed', 'cancelled'],
    c.state::text) END,
  CASE WHEN @sort = 'reported' THEN c.created_at END DESC,
  c.deadline ASC NULLS LAST, c.id
LIMIT @limit OFFSET @offset;

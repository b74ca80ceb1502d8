-- GeoReport "GET requests": cases in scope, newest first. A list of public numbers overrides
-- every other filter (as the specification says); otherwise the report time range, the
-- sub-categories and open/closed apply. Only what a service request shows is selected: never
-- the reporter, the assignee or the contact fields of an Open311 report.
SELECT c.id, c.number, c.state, c.subcategory_code, s.name_zh, s.name_en, c.description, c.lat, c.lon,
       c.created_at, c.updated_at, c.deadline, c.closed_at,
       ARRAY(SELECT d.name_zh FROM unnest(c.departments) WITH ORDINALITY AS u(code, n)
             JOIN department d ON d.code = u.code ORDER BY u.n) AS agencies_zh,
       ARRAY(SELECT d.name_en FROM unnest(c.departments) WITH ORDINALITY AS u(code, n)
             JOIN department d ON d.code = u.code ORDER BY u.n) AS agencies_en,
       s.handle_amount, s.handle_unit,
       r.address_string, r.media_url,
       cancel.cancel_reason, dup.number AS duplicate_of_number
FROM hazard_case c
JOIN hazard_subcategory s ON s.id = c.subcategory_id
LEFT JOIN open311_request r ON r.case_id = c.id
LEFT JOIN hazard_case dup ON dup.id = c.duplicate_of
LEFT JOIN LATERAL (
    SELECT e.cancel_reason FROM case_event e
    WHERE e.case_id = c.id AND e.action = 'cancel'
    ORDER BY e.seq DESC LIMIT 1) AS cancel ON c.state = 'cancelled'
WHERE (@everything OR c.grid_code LIKE ANY (@patterns))
  AND (@reported_by::text IS NULL OR c.reported_by = @reported_by)
  AND (c.number = ANY (@numbers::text[])
       OR (cardinality(@numbers::text[]) = 0
           AND c.created_at >= @start AND c.created_at <= @end
           AND (cardinality(@codes::text[]) = 0 OR c.subcategory_code = ANY (@codes::text[]))
           -- Open311's "closed" is a terminal case (closed or cancelled): not open.
           AND (@closed::boolean IS NULL OR case_is_open(c.state) <> @closed)))
ORDER BY c.created_at DESC, c.id DESC
LIMIT @limit;

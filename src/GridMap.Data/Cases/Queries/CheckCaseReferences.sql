-- Everything a new case or a transition refers to, checked in one round trip. NULL or empty
-- parameters are not checked. Answers which references are missing, so the refusal can say so.
SELECT (@grid::text IS NULL OR EXISTS (SELECT 1 FROM grid WHERE code = @grid AND level = 3 AND valid_to IS NULL)) AS grid_ok,
       (@grid::text IS NULL OR @everything OR @grid LIKE ANY (@patterns)) AS grid_in_scope,
       (@building::bigint IS NULL OR EXISTS (SELECT 1 FROM building WHERE id = @building)) AS building_ok,
       (@assignee::bigint IS NULL OR EXISTS (SELECT 1 FROM officer WHERE id = @assignee)) AS assignee_ok,
       (@duplicate::bigint IS NULL OR EXISTS (SELECT 1 FROM hazard_case WHERE id = @duplicate)) AS duplicate_ok,
       ARRAY(SELECT d FROM unnest(@departments::text[]) AS d
             WHERE NOT EXISTS (SELECT 1 FROM department WHERE code = d AND active)) AS unknown_departments,
       ARRAY(SELECT p FROM unnest(@photos::uuid[]) AS p
             WHERE NOT EXISTS (SELECT 1 FROM case_photo WHERE id = p AND case_id = @case)) AS unknown_photos;

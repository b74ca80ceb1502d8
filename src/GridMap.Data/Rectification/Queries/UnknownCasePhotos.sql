-- Photo ids that are not photos of this case.
SELECT coalesce(array_agg(p), '{}') FROM unnest(@photos::uuid[]) AS p
WHERE NOT EXISTS (SELECT 1 FROM case_photo WHERE id = p AND case_id = @case);

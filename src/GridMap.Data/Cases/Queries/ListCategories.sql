SELECT c.code, c.name_zh, c.name_en, c.rental_hazard, c.sort_order, c.version, c.valid_from, c.valid_to
FROM hazard_category c
WHERE (@code::text IS NULL OR c.code = @code)
  AND (@history
       OR (@at::timestamptz IS NULL AND c.valid_to IS NULL)
       OR (c.valid_from <= @at AND (c.valid_to IS NULL OR c.valid_to > @at)))
ORDER BY c.sort_order, c.code, c.version;

-- The cohort of the statistics: cases in scope reported in [@from, @to).
SELECT c.id, c.grid_code, c.category_code, c.subcategory_code, coalesce(k.rental_hazard, false) AS rental_hazard,
       c.departments, c.reporter_officer_id, c.source, c.created_at
FROM hazard_case c
LEFT JOIN hazard_category k ON k.code = c.category_code AND k.valid_to IS NULL
WHERE c.created_at >= @from AND c.created_at < @to
  AND (@everything OR c.grid_code LIKE ANY (@patterns))
ORDER BY c.id;

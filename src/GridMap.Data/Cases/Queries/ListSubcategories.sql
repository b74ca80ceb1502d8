-- Sub-category versions in force at @at (NULL: the current ones), or every version of @code
-- when @history; with their departments.
SELECT s.id, s.code, s.category_code, s.name_zh, s.name_en,
       s.filing_conditions_zh, s.filing_conditions_en, s.closing_conditions_zh, s.closing_conditions_en,
       s.severity, s.verify_amount, s.verify_unit, s.dispatch_amount, s.dispatch_unit,
       s.handle_amount, s.handle_unit, s.check_amount, s.check_unit,
       s.sort_order, s.version, s.valid_from, s.valid_to, s.changed_by, s.change_note,
       ARRAY(SELECT d.department_code
             FROM hazard_subcategory_department d JOIN department dep ON dep.code = d.department_code
             WHERE d.subcategory_id = s.id ORDER BY dep.sort_order) AS departments
FROM hazard_subcategory s
LEFT JOIN hazard_category c ON c.code = s.category_code AND c.valid_to IS NULL
WHERE (@code::text IS NULL OR s.code = @code)
  AND (@id::bigint IS NULL OR s.id = @id)
  AND (@history
       OR (@at::timestamptz IS NULL AND s.valid_to IS NULL)
       OR (s.valid_from <= @at AND (s.valid_to IS NULL OR s.valid_to > @at)))
ORDER BY c.sort_order NULLS LAST, s.category_code, s.sort_order, s.code, s.version;

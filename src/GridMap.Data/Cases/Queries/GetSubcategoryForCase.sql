-- The current version of a sub-category, for filing a new case under it.
SELECT s.id, s.code, s.category_code, s.severity,
       s.verify_amount, s.verify_unit, s.dispatch_amount, s.dispatch_unit,
       s.handle_amount, s.handle_unit, s.check_amount, s.check_unit,
       ARRAY(SELECT d.department_code FROM hazard_subcategory_department d WHERE d.subcategory_id = s.id
             ORDER BY d.department_code) AS departments
FROM hazard_subcategory s
WHERE s.code = @code AND s.valid_to IS NULL;

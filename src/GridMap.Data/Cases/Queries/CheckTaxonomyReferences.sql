-- What an edit refers to that does not exist: the category (current) and departments (active).
SELECT EXISTS (SELECT 1 FROM hazard_category WHERE code = @category_code AND valid_to IS NULL) AS category_ok,
       ARRAY(SELECT d FROM unnest(@departments::text[]) AS d
             WHERE NOT EXISTS (SELECT 1 FROM department WHERE code = d AND active)) AS unknown_departments;

INSERT INTO hazard_subcategory_department (subcategory_id, department_code)
SELECT @id, d FROM unnest(@departments::text[]) AS d;

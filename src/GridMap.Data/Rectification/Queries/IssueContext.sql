-- Everything a notice for a case is made of, read under a lock on the case so that two
-- corrections of one notice cannot both pass the "not yet superseded" check. No trailing
-- semicolon is needed; the scope filter makes a case outside the caller's grids "not found".
SELECT c.id, c.number AS case_number, c.state, c.grid_code, c.building_id, c.description, c.subcategory_code,
       c.stage, c.deadline, c.category_code,
       cat.rental_hazard, cat.name_zh AS category_name_zh, cat.name_en AS category_name_en,
       s.name_zh AS hazard_zh, s.name_en AS hazard_en, s.handle_amount, s.handle_unit,
       b.address, r.landlord_name, r.landlord_phone,
       bs.basis_zh, bs.basis_en, bs.requirements_zh,
       o.name_zh AS office_zh, o.name_en AS office_en, o.short_zh AS office_short
FROM hazard_case c
JOIN hazard_subcategory s ON s.id = c.subcategory_id
-- The category as it stands now (rental_hazard is policy, not history): the current version,
-- or the last one if the category was retired.
CROSS JOIN LATERAL (
    SELECT k.rental_hazard, k.name_zh, k.name_en FROM hazard_category k
    WHERE k.code = c.category_code ORDER BY (k.valid_to IS NULL) DESC, k.version DESC LIMIT 1
) cat
LEFT JOIN building b ON b.id = c.building_id
LEFT JOIN rental_house r ON r.building_id = c.building_id
LEFT JOIN rectification_basis bs ON bs.subcategory_code = c.subcategory_code
LEFT JOIN street_office o ON o.street_code = left(c.grid_code, 9)
WHERE c.id = @id
  AND (@everything OR c.grid_code LIKE ANY (@patterns))
FOR UPDATE OF c

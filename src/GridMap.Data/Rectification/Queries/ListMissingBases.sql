-- The current sub-categories of current rental-hazard categories that have no basis yet: a
-- notice cannot be issued for their cases until one is added.
SELECT s.code AS subcategory_code, s.name_zh AS subcategory_zh, s.name_en AS subcategory_en, s.category_code,
       k.name_zh AS category_zh, k.name_en AS category_en, k.rental_hazard
FROM hazard_subcategory s
JOIN hazard_category k ON k.code = s.category_code AND k.valid_to IS NULL
WHERE s.valid_to IS NULL
  AND k.rental_hazard
  AND NOT EXISTS (SELECT 1 FROM rectification_basis b WHERE b.subcategory_code = s.code)
ORDER BY k.sort_order, s.sort_order, s.code;

-- The current version of a sub-category and of its category, for deciding whether a basis may
-- be added for it (only a current sub-category of a current rental-hazard category takes one).
-- No row when the code is not a current sub-category.
SELECT s.code AS subcategory_code, s.name_zh AS subcategory_zh, s.name_en AS subcategory_en, s.category_code,
       k.name_zh AS category_zh, k.name_en AS category_en, k.rental_hazard
FROM hazard_subcategory s
JOIN hazard_category k ON k.code = s.category_code AND k.valid_to IS NULL
WHERE s.code = @code AND s.valid_to IS NULL

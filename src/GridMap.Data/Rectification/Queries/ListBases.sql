-- The legal basis and requirements per rental-hazard sub-category (or the one asked for), with
-- the sub-category's name as it stands now (the current version, else the last one if retired).
SELECT b.subcategory_code, b.basis_zh, b.basis_en, b.requirements_zh, b.requirements_en, b.version,
       b.changed_by, b.changed_at, s.name_zh AS subcategory_zh, s.name_en AS subcategory_en, s.category_code
FROM rectification_basis b
LEFT JOIN LATERAL (
    SELECT h.name_zh, h.name_en, h.category_code, h.sort_order FROM hazard_subcategory h
    WHERE h.code = b.subcategory_code ORDER BY (h.valid_to IS NULL) DESC, h.version DESC LIMIT 1
) s ON true
WHERE @code::text IS NULL OR b.subcategory_code = @code
ORDER BY s.category_code NULLS LAST, s.sort_order NULLS LAST, b.subcategory_code;

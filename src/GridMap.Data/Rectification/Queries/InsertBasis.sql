-- A new basis at version 1, only for a current sub-category of a current rental-hazard category
-- (checked again here, in the transaction that writes it); no row returned if the sub-category
-- has a basis already or is not such a sub-category (any more).
INSERT INTO rectification_basis (subcategory_code, basis_zh, basis_en, requirements_zh, requirements_en, version, changed_by, changed_at)
SELECT @code, @basis_zh, @basis_en, @requirements_zh, @requirements_en, 1, @changed_by, @changed_at
WHERE EXISTS (
    SELECT 1 FROM hazard_subcategory s
    JOIN hazard_category k ON k.code = s.category_code AND k.valid_to IS NULL
    WHERE s.code = @code AND s.valid_to IS NULL AND k.rental_hazard)
ON CONFLICT (subcategory_code) DO NOTHING
RETURNING version;

INSERT INTO rectification_basis_change (
    subcategory_code, version, changed_at, changed_by, note,
    old_basis_zh, old_basis_en, old_requirements_zh, old_requirements_en,
    basis_zh, basis_en, requirements_zh, requirements_en)
VALUES (
    @code, @version, @changed_at, @changed_by, @note,
    @old_basis_zh, @old_basis_en, @old_requirements_zh, @old_requirements_en,
    @basis_zh, @basis_en, @requirements_zh, @requirements_en);

UPDATE rectification_basis
SET basis_zh = @basis_zh, basis_en = @basis_en, requirements_zh = @requirements_zh, requirements_en = @requirements_en,
    version = @version, changed_by = @changed_by, changed_at = @changed_at
WHERE subcategory_code = @code;

-- The row about to be edited, locked so that two edits of one version cannot both pass the
-- version check.
SELECT basis_zh, basis_en, requirements_zh, requirements_en, version
FROM rectification_basis
WHERE subcategory_code = @code
FOR UPDATE

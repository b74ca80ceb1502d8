-- Closes the current version of a sub-category; returns its version (no row: none was current).
UPDATE hazard_subcategory SET valid_to = @now
WHERE code = @code AND valid_to IS NULL
RETURNING version, category_code;

UPDATE hazard_category SET valid_to = @now
WHERE code = @code AND valid_to IS NULL
RETURNING version;

-- Closes the current version of a category at @now; the same contract as CloseSubcategory.
WITH current_version AS (
    SELECT id, version, valid_from
    FROM hazard_category
    WHERE code = @code AND valid_to IS NULL
    FOR UPDATE
), closed AS (
    UPDATE hazard_category s SET valid_to = @now
    FROM current_version c
    WHERE s.id = c.id AND c.valid_from <= @now
    RETURNING s.id
)
SELECT c.version, c.valid_from, EXISTS (SELECT 1 FROM closed) AS closed
FROM current_version c;

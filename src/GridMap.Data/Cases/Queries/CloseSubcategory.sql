-- Closes the current version of a sub-category at @now. One row when a version is current:
-- its version, its start, and whether it was closed. It is left open (closed = false) when it
-- starts after @now: this node's clock is behind the one that wrote it, and closing it would
-- give the version a negative lifetime. No row: none is current.
WITH current_version AS (
    SELECT id, version, valid_from
    FROM hazard_subcategory
    WHERE code = @code AND valid_to IS NULL
    FOR UPDATE
), closed AS (
    UPDATE hazard_subcategory s SET valid_to = @now
    FROM current_version c
    WHERE s.id = c.id AND c.valid_from <= @now
    RETURNING s.id
)
SELECT c.version, c.valid_from, EXISTS (SELECT 1 FROM closed) AS closed
FROM current_version c;

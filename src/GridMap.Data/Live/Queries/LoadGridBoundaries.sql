-- The current third-level grids for the in-memory locator; they nest into and cover their
-- parents, so a point's third-level grid answers every level.
SELECT code, boundary
FROM grid
WHERE valid_to IS NULL AND level = 3;

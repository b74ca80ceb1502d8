-- A rectification basis can be added in the console (docs/administration.md, "Rectification
-- notices"): a new rental-hazard sub-category gets its row at version 1 through
-- POST /api/v1/rectification/bases, and the addition is recorded in rectification_basis_change
-- like an added street office (0014): version 1 and no old texts. Depends on 0014.
--
-- Seeded rows still have no history entry for version 1; edits keep both texts, as before.
ALTER TABLE rectification_basis_change
    ALTER COLUMN old_basis_zh DROP NOT NULL,
    ALTER COLUMN old_basis_en DROP NOT NULL,
    ALTER COLUMN old_requirements_zh DROP NOT NULL,
    ALTER COLUMN old_requirements_en DROP NOT NULL,
    DROP CONSTRAINT rectification_basis_change_version_check,
    ADD CONSTRAINT rectification_basis_change_version_check CHECK (version > 0),
    -- Version 1 is the addition (no old texts); every later version is an edit (all four).
    ADD CONSTRAINT rectification_basis_change_addition CHECK ((version = 1) = (old_basis_zh IS NULL)),
    ADD CONSTRAINT rectification_basis_change_old_texts CHECK (
        (old_basis_zh IS NULL) = (old_basis_en IS NULL)
        AND (old_basis_zh IS NULL) = (old_requirements_zh IS NULL)
        AND (old_basis_zh IS NULL) = (old_requirements_en IS NULL));

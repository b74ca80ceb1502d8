-- Administration of what rectification notices print (docs/administration.md, "Rectification
-- notices"): the issuing street offices and the legal basis / requirements per sub-category.
-- Depends on 0008 (the two tables, the notices) and 0006 (case_append_only()).
--
-- Notices already issued are not affected by an edit: 0008 copies the basis (zh, en), the
-- requirements, the office names and (inside the number) the office's short name onto
-- rectification_notice when a notice is issued, the page and the API print that copy, and
-- nothing but IssueContext.sql reads these two tables. So no snapshot is needed here; the
-- integration test An_issued_notice_keeps_its_basis_requirements_and_office_after_an_edit holds
-- that in place.

-- ---------------------------------------------------------------- versions
-- The version an edit was based on must still be current (optimistic concurrency, 409 if not).
ALTER TABLE rectification_basis
    ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version > 0),
    -- The console's limits, so that a direct SQL edit cannot store what the form refuses.
    ADD CONSTRAINT rectification_basis_lengths CHECK (
        length(basis_zh) <= 2000 AND length(basis_en) <= 2000
        AND length(requirements_zh) <= 2000 AND length(requirements_en) <= 2000);

ALTER TABLE street_office
    ADD COLUMN version    int         NOT NULL DEFAULT 1 CHECK (version > 0),
    ADD COLUMN changed_by text        NOT NULL DEFAULT 'seed',
    ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT street_office_lengths CHECK (
        length(name_zh) <= 200 AND length(name_en) <= 200 AND length(short_zh) <= 20);

-- ---------------------------------------------------------------- history
-- One row per saved edit, with the whole text before and after (the texts are long and an
-- auditor wants to read both as they stood). version is the row's version after the edit.
-- The seed is version 1 and has no history row.
CREATE TABLE rectification_basis_change (
    id                   bigserial   PRIMARY KEY,
    subcategory_code     text        NOT NULL REFERENCES rectification_basis (subcategory_code),
    version              int         NOT NULL CHECK (version > 1),
    changed_at           timestamptz NOT NULL,
    changed_by           text        NOT NULL CHECK (changed_by <> ''),
    note                 text        NULL CHECK (note IS NULL OR length(note) <= 500),
    old_basis_zh         text        NOT NULL,
    old_basis_en         text        NOT NULL,
    old_requirements_zh  text        NOT NULL,
    old_requirements_en  text        NOT NULL,
    basis_zh             text        NOT NULL,
    basis_en             text        NOT NULL,
    requirements_zh      text        NOT NULL,
    requirements_en      text        NOT NULL,
    UNIQUE (subcategory_code, version)
);

CREATE TRIGGER rectification_basis_change_append_only BEFORE UPDATE OR DELETE ON rectification_basis_change
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

-- An office added in the console gets a row with version 1 and no old values; a seeded one
-- has no row for version 1.
CREATE TABLE street_office_change (
    id            bigserial   PRIMARY KEY,
    street_code   text        NOT NULL REFERENCES street_office (street_code),
    version       int         NOT NULL CHECK (version > 0),
    changed_at    timestamptz NOT NULL,
    changed_by    text        NOT NULL CHECK (changed_by <> ''),
    note          text        NULL CHECK (note IS NULL OR length(note) <= 500),
    old_name_zh   text        NULL,
    old_name_en   text        NULL,
    old_short_zh  text        NULL,
    name_zh       text        NOT NULL,
    name_en       text        NOT NULL,
    short_zh      text        NOT NULL,
    UNIQUE (street_code, version),
    CHECK ((version = 1) = (old_name_zh IS NULL)),
    CHECK ((old_name_zh IS NULL) = (old_name_en IS NULL) AND (old_name_zh IS NULL) = (old_short_zh IS NULL))
);

CREATE TRIGGER street_office_change_append_only BEFORE UPDATE OR DELETE ON street_office_change
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

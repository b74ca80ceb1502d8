-- Administration of the taxonomy and the working calendar (docs/administration.md).
-- Taxonomy versions already carry valid_from (changed at) and changed_by; the calendar keeps
-- only the current exception per date, so its edits are recorded here, append-only.
CREATE TABLE calendar_change (
    id            bigserial   PRIMARY KEY,
    changed_at    timestamptz NOT NULL,
    changed_by    text        NOT NULL,
    year          int         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    -- One date set (day not NULL) or a whole year replaced (day NULL, source and day_count set).
    day           date        NULL,
    previous_kind text        NULL CHECK (previous_kind IN ('holiday', 'working_day')),
    kind          text        NULL CHECK (kind IN ('holiday', 'working_day')),
    name_zh       text        NULL,
    name_en       text        NULL,
    source        text        NULL,
    day_count     int         NULL,
    CHECK ((day IS NULL) = (day_count IS NOT NULL))
);
CREATE INDEX calendar_change_year ON calendar_change (year, changed_at DESC);

CREATE TRIGGER calendar_change_append_only BEFORE UPDATE OR DELETE ON calendar_change
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

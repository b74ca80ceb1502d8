-- A new office; nothing (no row returned) if the street has one already.
INSERT INTO street_office (street_code, name_zh, name_en, short_zh, version, changed_by, changed_at)
VALUES (@code, @name_zh, @name_en, @short_zh, 1, @changed_by, @changed_at)
ON CONFLICT (street_code) DO NOTHING
RETURNING version;

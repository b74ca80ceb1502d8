INSERT INTO street_office_change (
    street_code, version, changed_at, changed_by, note, old_name_zh, old_name_en, old_short_zh, name_zh, name_en, short_zh)
VALUES (
    @code, @version, @changed_at, @changed_by, @note, @old_name_zh, @old_name_en, @old_short_zh, @name_zh, @name_en, @short_zh);

UPDATE street_office
SET name_zh = @name_zh, name_en = @name_en, short_zh = @short_zh,
    version = @version, changed_by = @changed_by, changed_at = @changed_at
WHERE street_code = @code;

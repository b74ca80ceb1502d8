-- The edits of one street office (its addition first if it was added in the console), newest first.
SELECT id, street_code, version, changed_at, changed_by, note, old_name_zh, old_name_en, old_short_zh, name_zh, name_en, short_zh
FROM street_office_change
WHERE street_code = @code
ORDER BY version DESC;

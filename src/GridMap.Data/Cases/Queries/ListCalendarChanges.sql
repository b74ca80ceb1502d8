SELECT id, changed_at, changed_by, year, day, previous_kind, kind, name_zh, name_en, source, day_count
FROM calendar_change
WHERE year = @year
ORDER BY changed_at DESC, id DESC
LIMIT @limit;

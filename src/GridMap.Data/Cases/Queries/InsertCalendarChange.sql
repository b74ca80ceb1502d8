INSERT INTO calendar_change (changed_at, changed_by, year, day, previous_kind, kind, name_zh, name_en, source, day_count)
VALUES (@now, @changed_by, @year, @day, @previous_kind, @kind, @name_zh, @name_en, @source, @day_count);

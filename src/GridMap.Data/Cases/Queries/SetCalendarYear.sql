INSERT INTO calendar_year (year, source, loaded_at) VALUES (@year, @source, @now)
ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_at = EXCLUDED.loaded_at;

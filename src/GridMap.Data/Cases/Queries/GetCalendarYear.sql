SELECT year, source, loaded_at FROM calendar_year WHERE year = @year;

-- The next yearly sequence of a street's notice numbers; the row lock serialises concurrent issues.
INSERT INTO rectification_notice_counter (street_code, year, last) VALUES (@street, @year, 1)
ON CONFLICT (street_code, year) DO UPDATE SET last = rectification_notice_counter.last + 1
RETURNING last;

-- The next daily sequence of a street's case numbers; the row lock serialises concurrent reports.
INSERT INTO case_number_counter (street_code, day, last) VALUES (@street, @day, 1)
ON CONFLICT (street_code, day) DO UPDATE SET last = case_number_counter.last + 1
RETURNING last;

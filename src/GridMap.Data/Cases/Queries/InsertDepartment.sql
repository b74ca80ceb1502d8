-- A new department; no row when the code is taken (retired departments keep theirs).
INSERT INTO department (code, name_zh, name_en, sort_order, active)
VALUES (@code, @name_zh, @name_en, @sort_order, true)
ON CONFLICT (code) DO NOTHING
RETURNING code;

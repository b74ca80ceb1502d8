INSERT INTO reinspection (notice_id, case_id, grid_code, round, due_at, created_at)
VALUES (@notice_id, @case_id, @grid_code, @round, @due_at, @created_at)
RETURNING id;

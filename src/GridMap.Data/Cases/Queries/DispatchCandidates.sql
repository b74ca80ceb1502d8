-- Who may receive a case in the given grids (the case's grid and its ancestors): grid officers
-- and grid leaders with a current assignment, with their shift window (local wall-clock times).
SELECT a.officer_id, o.name, a.grid_code, a.role, s.code AS shift_code, s.starts_at, s.ends_at
FROM officer_assignment a
JOIN officer o ON o.id = a.officer_id
JOIN shift s ON s.code = a.shift
WHERE a.grid_code = ANY (@grids)
  AND a.role IN ('grid_officer', 'grid_leader')
  AND (a.until IS NULL OR a.until >= @today)
ORDER BY a.officer_id;

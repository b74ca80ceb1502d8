-- One officer for the side panel, only when one of their current assignments is in the
-- caller's scope (the same rule as the live layer); the deepest grid is their own grid.
SELECT o.id, o.name, o.phone, a.grid_code, g.name, a.role, r.name_zh, r.name_en,
       a.shift, s.name_zh, s.name_en, s.starts_at, s.ends_at
FROM officer o
JOIN officer_assignment a ON a.officer_id = o.id
JOIN officer_role r ON r.code = a.role
JOIN shift s ON s.code = a.shift
LEFT JOIN grid g ON g.code = a.grid_code AND g.valid_to IS NULL
WHERE o.id = @officer_id
  AND (a.until IS NULL OR a.until >= current_date)
  AND (@everything OR a.grid_code LIKE ANY (@patterns))
ORDER BY length(a.grid_code) DESC, r.sort_order;

-- Every officer with a current assignment, one row per assignment, with the shift window and
-- the role's names and order (the live layer keeps this in memory).
SELECT o.id, o.name, a.grid_code, a.role, r.name_zh, r.name_en, r.sort_order,
       a.shift, s.starts_at, s.ends_at
FROM officer_assignment a
JOIN officer o ON o.id = a.officer_id
JOIN officer_role r ON r.code = a.role
JOIN shift s ON s.code = a.shift
WHERE (a.until IS NULL OR a.until >= current_date)
ORDER BY o.id, length(a.grid_code) DESC, r.sort_order;

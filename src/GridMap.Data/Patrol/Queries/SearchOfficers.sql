-- Officers whose name matches (@pattern, an escaped ILIKE pattern), for picking the owner of a
-- device by name: each with their main assignment's grid and its current name. Only officers
-- with a current assignment within the caller's scope.
SELECT o.id, o.name, pa.grid_code, g.name AS grid_name, r.name_zh, r.name_en
FROM officer o
JOIN LATERAL (
    SELECT a.grid_code, a.role
    FROM officer_assignment a
    JOIN officer_role r ON r.code = a.role
    WHERE a.officer_id = o.id AND (a.until IS NULL OR a.until >= current_date)
      AND (@everything OR a.grid_code LIKE ANY (@patterns))
    ORDER BY (a.role = 'building_head'), r.sort_order, length(a.grid_code) DESC, a.id
    LIMIT 1
) pa ON true
JOIN officer_role r ON r.code = pa.role
LEFT JOIN grid g ON g.code = pa.grid_code AND g.valid_to IS NULL
WHERE o.name ILIKE @pattern
ORDER BY length(o.name), o.name, o.id
LIMIT @limit;

-- Officers fixed to the grid itself and to its ancestors (who answers for this place),
-- without the building heads, who are listed per building.
SELECT o.id, o.name, o.phone, a.role, r.name_zh, r.name_en, a.shift, s.name_zh, s.name_en, a.grid_code
FROM officer_assignment a
JOIN officer o ON o.id = a.officer_id
JOIN officer_role r ON r.code = a.role
JOIN shift s ON s.code = a.shift
WHERE a.grid_code = ANY (@codes)
  AND a.role <> 'building_head'
  AND (a.until IS NULL OR a.until >= current_date)
ORDER BY length(a.grid_code), r.sort_order, o.name;

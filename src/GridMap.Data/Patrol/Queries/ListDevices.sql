-- Every device with its officer and the officer's main assignment (most senior current role).
SELECT d.device_id, d.officer_id, o.name, pa.role, pa.grid_code,
       d.created_at, d.token_issued_at, d.revoked_at, d.token_hash, pa.name_zh, pa.name_en
FROM device d
JOIN officer o ON o.id = d.officer_id
LEFT JOIN LATERAL (
    SELECT a.role, a.grid_code, r.name_zh, r.name_en
    FROM officer_assignment a
    JOIN officer_role r ON r.code = a.role
    WHERE a.officer_id = o.id AND (a.until IS NULL OR a.until >= current_date)
    ORDER BY (a.role = 'building_head'), r.sort_order, length(a.grid_code) DESC, a.id
    LIMIT 1
) pa ON true
ORDER BY d.device_id;

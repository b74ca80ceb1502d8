SELECT b.id, b.address, b.grid_code, g.name, b.floors,
       b.kind, k.name_zh, k.name_en,
       b.management_mode, m.name_zh, m.name_en,
       b.access_control,
       (SELECT count(*)::int FROM resident r WHERE r.building_id = b.id AND r.departed_on IS NULL) AS residents,
       (SELECT count(*)::int FROM resident r WHERE r.building_id = b.id AND r.departed_on IS NULL AND r.is_migrant) AS migrants,
       h.id, h.landlord_name, h.landlord_phone, h.landlord_id_number, h.manager_name, h.registered_on, h.is_large
FROM building b
JOIN grid g ON g.code = b.grid_code AND g.valid_to IS NULL
JOIN building_kind k ON k.code = b.kind
JOIN management_mode m ON m.code = b.management_mode
LEFT JOIN rental_house h ON h.building_id = b.id
WHERE b.id = @id
  AND (@everything OR b.grid_code LIKE ANY (@patterns));

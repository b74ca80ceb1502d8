-- Rental houses by their landlord's or manager's name, within scope: the hit is the building.
SELECT 'landlord' AS kind, b.id::text AS id, r.landlord_name AS label, b.address AS detail,
       ST_XMin(b.footprint), ST_YMin(b.footprint), ST_XMax(b.footprint), ST_YMax(b.footprint)
FROM rental_house r
JOIN building b ON b.id = r.building_id
WHERE (r.landlord_name LIKE @contains OR r.manager_name LIKE @contains)
  AND (@everything OR b.grid_code LIKE ANY (@patterns))
ORDER BY r.landlord_name, b.address
LIMIT @limit;

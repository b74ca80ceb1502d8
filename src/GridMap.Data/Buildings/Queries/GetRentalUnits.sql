SELECT u.id, u.unit_number, u.rooms, u.capacity, u.area_m2,
       (SELECT count(*)::int FROM resident r WHERE r.rental_unit_id = u.id AND r.departed_on IS NULL)
FROM rental_unit u
WHERE u.rental_house_id = @house
ORDER BY u.unit_number;

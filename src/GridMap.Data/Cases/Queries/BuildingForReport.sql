-- Where a report "at this building" is placed: a point on the building's footprint, in scope.
SELECT b.id, b.address, b.grid_code, ST_Y(ST_PointOnSurface(b.footprint)) AS lat, ST_X(ST_PointOnSurface(b.footprint)) AS lon
FROM building b
WHERE b.id = @id
  AND (@everything OR b.grid_code LIKE ANY (@patterns));

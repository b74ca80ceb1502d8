-- One officer's recorded positions in [@from, @to), oldest first. The caller has checked that
-- the officer is in scope (GetOfficer); the day partitions outside the range are pruned.
SELECT p.lat, p.lon, p.time, p.speed_mps
FROM officer_position p
WHERE p.officer_id = @officer_id
  AND p.time >= @from
  AND p.time < @to
ORDER BY p.time
LIMIT @limit;

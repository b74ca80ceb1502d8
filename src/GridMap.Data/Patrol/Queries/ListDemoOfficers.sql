-- The officers who patrol and so get a demo device: everyone with a current assignment except
-- building heads (楼栋长), who are residents, not staff.
SELECT o.id
FROM officer o
WHERE EXISTS (
    SELECT 1 FROM officer_assignment a
    WHERE a.officer_id = o.id
      AND a.role <> 'building_head'
      AND (a.until IS NULL OR a.until >= current_date))
ORDER BY o.id;

-- Notices of a case (or one notice), in the caller's scope, with the correction that replaced each.
SELECT n.id, n.case_id, c.number AS case_number, n.grid_code, n.number, n.building_id, n.address,
       n.landlord_name, n.landlord_phone, n.subcategory_code, n.hazard_zh, n.hazard_en, n.description,
       n.basis_zh, n.basis_en, n.requirements, n.deadline, n.office_zh, n.office_en, n.issued_at,
       n.issued_by, n.issued_by_name, n.supersedes,
       (SELECT s.id FROM rectification_notice s WHERE s.supersedes = n.id) AS superseded_by
FROM rectification_notice n
JOIN hazard_case c ON c.id = n.case_id
WHERE n.case_id = @case
  AND (@notice::bigint IS NULL OR n.id = @notice)
  AND (@everything OR n.grid_code LIKE ANY (@patterns))
ORDER BY n.issued_at, n.id;

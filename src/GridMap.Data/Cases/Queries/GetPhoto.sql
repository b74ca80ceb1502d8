-- A photo only for a reader who may see its case.
SELECT p.id, p.case_id, p.mime, p.size_bytes, p.sha256, p.bytes, p.uploaded_at
FROM case_photo p
JOIN hazard_case c ON c.id = p.case_id
WHERE p.id = @id
  AND (@everything OR c.grid_code LIKE ANY (@patterns));

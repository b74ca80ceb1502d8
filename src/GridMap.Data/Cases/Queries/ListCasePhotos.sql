SELECT id, mime, size_bytes, sha256, uploaded_by, uploaded_at
FROM case_photo
WHERE case_id = @case
ORDER BY uploaded_at, id;

-- Stores a photo once per case: the same bytes sent again answer the id already stored.
WITH inserted AS (
    INSERT INTO case_photo (id, case_id, sha256, mime, size_bytes, bytes, uploaded_by, uploaded_at)
    VALUES (@id, @case_id, @sha256, @mime, @size_bytes, @bytes, @uploaded_by, @uploaded_at)
    ON CONFLICT (case_id, sha256) DO NOTHING
    RETURNING id
)
SELECT id FROM inserted
UNION ALL
SELECT id FROM case_photo WHERE case_id = @case_id AND sha256 = @sha256
LIMIT 1;

-- Every key, active ones first, newest first; never the hash.
SELECT k.id, k.name, k.owner, k.contact, k.key_prefix, k.created_by, k.created_at, k.revoked_by, k.revoked_at, k.last_used_at,
       (SELECT count(*) FROM open311_request r WHERE r.api_key_id = k.id) AS requests
FROM open311_api_key k
WHERE (@id::bigint IS NULL OR k.id = @id)
ORDER BY (k.revoked_at IS NULL) DESC, k.created_at DESC, k.id DESC;

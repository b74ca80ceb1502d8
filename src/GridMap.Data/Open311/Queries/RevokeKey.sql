-- Revokes an active key; no row when there is no such key or it is revoked already.
UPDATE open311_api_key SET revoked_by = @revoked_by, revoked_at = @now
WHERE id = @id AND revoked_at IS NULL
RETURNING id;

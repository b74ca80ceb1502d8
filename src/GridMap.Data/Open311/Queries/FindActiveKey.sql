-- The active key with this hash. Its last use is written at most once a minute, so a busy
-- client does not turn every read into a row update.
WITH k AS (
    SELECT id, name FROM open311_api_key WHERE key_hash = @key_hash AND revoked_at IS NULL
), touch AS (
    UPDATE open311_api_key a SET last_used_at = @now
    FROM k
    WHERE a.id = k.id AND (a.last_used_at IS NULL OR a.last_used_at < @now - interval '1 minute')
)
SELECT id, name FROM k;

INSERT INTO open311_api_key (name, owner, contact, key_prefix, key_hash, created_by, created_at)
VALUES (@name, @owner, @contact, @key_prefix, @key_hash, @created_by, @now)
RETURNING id, name, owner, contact, key_prefix, created_by, created_at, revoked_by, revoked_at, last_used_at;

SELECT device_id, officer_id, token_hash
FROM device
WHERE revoked_at IS NULL;

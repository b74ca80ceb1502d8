-- One active device by id or by token hash (whichever is given).
SELECT device_id, officer_id, token_hash
FROM device
WHERE revoked_at IS NULL
  AND (device_id = @device_id OR token_hash = @token_hash);

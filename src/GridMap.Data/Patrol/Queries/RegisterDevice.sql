-- Registers a device for an officer, or (same id again) gives it a new token and officer and
-- lifts a revocation. created is true for a new device.
INSERT INTO device (device_id, officer_id, token_hash, created_at, token_issued_at, revoked_at)
VALUES (@device_id, @officer_id, @token_hash, @now, @now, NULL)
ON CONFLICT (device_id) DO UPDATE
    SET officer_id = EXCLUDED.officer_id,
        token_hash = EXCLUDED.token_hash,
        token_issued_at = EXCLUDED.token_issued_at,
        revoked_at = NULL
RETURNING (xmax = 0) AS created;

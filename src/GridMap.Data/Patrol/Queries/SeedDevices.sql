-- Demo devices: one per officer, added when missing. An existing device (even a rotated or
-- revoked one) is left as an administrator made it.
INSERT INTO device (device_id, officer_id, token_hash)
SELECT * FROM unnest(@device_ids::text[], @officer_ids::bigint[], @token_hashes::bytea[])
ON CONFLICT (device_id) DO NOTHING;

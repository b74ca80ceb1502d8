UPDATE device SET revoked_at = @now
WHERE device_id = @device_id AND revoked_at IS NULL;

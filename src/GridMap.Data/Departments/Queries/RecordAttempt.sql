UPDATE department_notification
SET attempts        = attempts + 1,
    status          = CASE WHEN @ok THEN 'delivered' WHEN attempts + 1 >= @max_attempts THEN 'failed' ELSE 'pending' END,
    next_attempt_at = CASE WHEN @ok OR attempts + 1 >= @max_attempts THEN NULL ELSE @retry_at END,
    delivered_at    = CASE WHEN @ok THEN @now ELSE NULL END,
    last_error      = CASE WHEN @ok THEN last_error ELSE @error END
WHERE id = @id AND status = 'pending';

-- Puts a failed notification back to the notifier with a fresh round of attempts, to the
-- department's URL as it is now (an administrator has usually just corrected it); when the
-- department has no URL any more, the inbox is its delivery and the row becomes 'recorded'.
-- The log row and the update are one statement: both or neither. No row: not failed (or absent).
WITH target AS (
    SELECT n.id, n.attempts, n.last_error, n.target_url, d.notify_url
    FROM department_notification n
    JOIN department d ON d.code = n.department_code
    WHERE n.id = @id AND n.status = 'failed'
      AND (@everything OR n.grid_code LIKE ANY (@patterns))
    FOR UPDATE OF n
), updated AS (
    UPDATE department_notification n
    SET status          = CASE WHEN t.notify_url IS NULL THEN 'recorded' ELSE 'pending' END,
        target_url      = t.notify_url,
        attempts        = 0,
        next_attempt_at = CASE WHEN t.notify_url IS NULL THEN NULL ELSE @now END
    FROM target t
    WHERE n.id = t.id
    RETURNING n.id, n.status, n.target_url
), logged AS (
    INSERT INTO department_notification_retry (
        notification_id, retried_at, retried_by, previous_attempts, previous_error, previous_url, target_url)
    SELECT id, @now, @retried_by, attempts, last_error, target_url, notify_url FROM target
)
SELECT id, status, target_url FROM updated;

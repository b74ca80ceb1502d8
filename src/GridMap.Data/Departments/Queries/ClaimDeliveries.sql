-- Takes a batch of due deliveries for this instance by pushing their next attempt to the end of
-- a lease; SKIP LOCKED keeps two instances off the same rows, and a crashed instance's claim
-- runs out with its lease.
UPDATE department_notification n
SET next_attempt_at = @lease_until
WHERE n.id IN (
    SELECT id FROM department_notification
    WHERE status = 'pending' AND next_attempt_at <= @now
    ORDER BY next_attempt_at, id
    LIMIT @limit
    FOR UPDATE SKIP LOCKED)
RETURNING n.id, n.department_code, n.target_url, n.payload::text AS payload, n.attempts;

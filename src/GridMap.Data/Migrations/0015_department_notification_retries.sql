-- Retries of failed department notifications by the command centre or an administrator
-- (docs/cases.md, "Department notification"; docs/administration.md). A retry puts a failed
-- row back to pending with a fresh round of attempts, so the row itself forgets how it failed
-- before; this append-only log keeps who asked, when, and what the row looked like then.
-- Depends on 0009 (department_notification).
CREATE TABLE department_notification_retry (
    id                bigserial   PRIMARY KEY,
    notification_id   bigint      NOT NULL REFERENCES department_notification (id),
    retried_at        timestamptz NOT NULL,
    retried_by        text        NOT NULL,
    -- The failed state replaced: its attempts, last error and target.
    previous_attempts int         NOT NULL CHECK (previous_attempts >= 0),
    previous_error    text        NULL,
    previous_url      text        NULL,
    -- Where the retry delivers: the department's URL at the retry (NULL: it reads its inbox now).
    target_url        text        NULL
);
CREATE INDEX department_notification_retry_notification ON department_notification_retry (notification_id, retried_at DESC);

CREATE TRIGGER department_notification_retry_append_only BEFORE UPDATE OR DELETE ON department_notification_retry
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

-- The delivery view lists newest first, filtered by status (failed ones are what it is for).
CREATE INDEX department_notification_status ON department_notification (status, created_at DESC, id DESC);
CREATE INDEX department_notification_newest ON department_notification (created_at DESC, id DESC);

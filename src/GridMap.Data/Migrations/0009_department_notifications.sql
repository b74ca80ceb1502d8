-- Notification of the responsible departments (函告) when a case is dispatched or reassigned.
-- See docs/cases.md, "Department notification". Depends on 0006 (department, case_event).

-- Where a department's system takes notifications (HTTP POST of JSON); NULL: the department
-- reads its inbox in the console (GET /api/v1/departments/{code}/notifications).
ALTER TABLE department ADD COLUMN notify_url text NULL
    CHECK (notify_url IS NULL OR notify_url ~ '^https?://[^[:space:]]+$');

-- The outbox: one row per dispatch/reassign event and department, written by the notifier from
-- case_event (never by the case workflow itself), so the unique key makes a second pass or a
-- second instance harmless. Status: recorded (no webhook: the inbox is the delivery), pending
-- (to deliver, next_attempt_at says when), delivered, failed (attempts exhausted).
CREATE TABLE department_notification (
    id               bigserial   PRIMARY KEY,
    event_id         bigint      NOT NULL REFERENCES case_event (id),
    case_id          bigint      NOT NULL REFERENCES hazard_case (id),
    grid_code        text        NOT NULL CHECK (grid_code ~ '^[0-9]{17}$'),
    department_code  text        NOT NULL REFERENCES department (code),
    action           text        NOT NULL CHECK (action IN ('dispatch', 'reassign')),
    -- The JSON body exactly as delivered: a snapshot at the event, without residents' data.
    payload          jsonb       NOT NULL,
    created_at       timestamptz NOT NULL,
    status           text        NOT NULL CHECK (status IN ('recorded', 'pending', 'delivered', 'failed')),
    target_url       text        NULL,
    attempts         int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NULL,
    last_error       text        NULL,
    delivered_at     timestamptz NULL,
    UNIQUE (event_id, department_code),
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
    CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
    CHECK ((status = 'recorded') = (target_url IS NULL))
);
CREATE INDEX department_notification_department ON department_notification (department_code, created_at DESC);
CREATE INDEX department_notification_case ON department_notification (case_id);
CREATE INDEX department_notification_due ON department_notification (next_attempt_at) WHERE status = 'pending';

-- How far the notifier has read case_event. The foreign key is on purpose: replacing the
-- district truncates case_event and, through this key, the watermark with it, so the notifier
-- starts again from the first event instead of skipping the new ones.
CREATE TABLE department_notifier_watermark (
    id             int    PRIMARY KEY CHECK (id = 1),
    last_event_id  bigint NOT NULL REFERENCES case_event (id)
);

-- Claims the announcement of due re-inspections: only the ids returned are new, so each is
-- pushed once even when two instances run the watcher at the same moment.
INSERT INTO reinspection_reminder (reinspection_id, at)
SELECT unnest(@ids::bigint[]), @at
ON CONFLICT (reinspection_id) DO NOTHING
RETURNING reinspection_id;

-- Geofence alerts: an officer on shift left every grid they are assigned to. One row per
-- excursion; returning (or the end of the shift) sets cleared_at instead of adding a row, so
-- "who is out right now" is `cleared_at IS NULL` and the history stays queryable.
CREATE TABLE geofence_alert (
    id           bigserial PRIMARY KEY,
    officer_id   bigint      NOT NULL REFERENCES officer (id),
    -- The officer's own (assigned) grid: scope filters use it, like every grid-bound row.
    grid_code    text        NOT NULL,
    -- The third-level grid the officer was found in, NULL outside the district.
    at_grid_code text        NULL,
    kind         text        NOT NULL CHECK (kind IN ('left_grid')),
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    time         timestamptz NOT NULL,
    cleared_at   timestamptz NULL,
    clear_reason text        NULL CHECK (clear_reason IN ('returned', 'shift_ended')),
    cleared_lat  double precision NULL,
    cleared_lon  double precision NULL,
    CHECK ((cleared_at IS NULL) = (clear_reason IS NULL))
);
-- At most one open alert per officer: the geofence raises once per excursion, and a restart
-- reads the open ones back instead of raising them again.
CREATE UNIQUE INDEX geofence_alert_open ON geofence_alert (officer_id) WHERE cleared_at IS NULL;
CREATE INDEX geofence_alert_grid ON geofence_alert (grid_code text_pattern_ops, time DESC);
CREATE INDEX geofence_alert_officer_time ON geofence_alert (officer_id, time DESC);

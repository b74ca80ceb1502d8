-- Live patrols: the officers' phones (devices), every position they report, and the latest
-- position of each officer.

-- A device is a phone that reports for one officer. Its id is whatever the phone app uses
-- (Traccar Client: a number it generates; any letters, digits, '-' and '_' up to 64). Only a
-- SHA-256 of its token is stored, so a copy of the database does not hold usable tokens.
CREATE TABLE device (
    device_id        text        PRIMARY KEY CHECK (device_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    officer_id       bigint      NOT NULL REFERENCES officer (id),
    token_hash       bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at       timestamptz NOT NULL DEFAULT now(),
    token_issued_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at       timestamptz NULL
);
CREATE INDEX device_officer ON device (officer_id);

-- Every accepted position, partitioned by UTC day so that retention drops whole partitions
-- (no DELETE, no bloat) and a day's queries touch one partition. The primary key makes a
-- position that a phone sends twice (same device, same time) a no-op: the writer inserts with
-- ON CONFLICT DO NOTHING. There is deliberately no foreign key to officer or device: a
-- per-row key check would lock the officer row for every position and halve the ingest rate.
-- No spatial index either: coverage and replay select by officer and time first.
CREATE TABLE officer_position (
    device_id    text             NOT NULL,
    officer_id   bigint           NOT NULL,
    time         timestamptz      NOT NULL,
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    speed_mps    real             NULL,
    heading      real             NULL,
    altitude     real             NULL,
    accuracy     real             NULL,
    battery      real             NULL,
    received_at  timestamptz      NOT NULL,
    PRIMARY KEY (device_id, time)
) PARTITION BY RANGE (time);
CREATE INDEX officer_position_officer_time ON officer_position (officer_id, time);

-- The latest position of each officer, updated in the same transaction as the positions, so
-- the in-memory registry of the web process can be rebuilt from it after a restart. Updated
-- in place constantly: the fill factor leaves room for HOT updates.
CREATE TABLE officer_latest (
    officer_id  bigint           PRIMARY KEY REFERENCES officer (id),
    device_id   text             NOT NULL,
    time        timestamptz      NOT NULL,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    speed_mps   real             NULL,
    heading     real             NULL,
    battery     real             NULL,
    accuracy    real             NULL,
    updated_at  timestamptz      NOT NULL DEFAULT now()
) WITH (fillfactor = 70);

-- Partitions are named officer_position_pYYYYMMDD and hold [day 00:00 UTC, next day 00:00 UTC).
CREATE FUNCTION officer_position_partition_name(day date) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'officer_position_p' || to_char(day, 'YYYYMMDD') $$;

-- Creates the partition of one day unless it exists; true when it was created. Serialised by an
-- advisory lock so that two processes (web, tools) creating the same day do not collide.
CREATE FUNCTION officer_position_ensure_partition(day date) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
DECLARE
    name text := officer_position_partition_name(day);
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('officer_position_partitions'));
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF officer_position FOR VALUES FROM (%L) TO (%L)',
                   name,
                   (day::timestamp AT TIME ZONE 'UTC'),
                   ((day + 1)::timestamp AT TIME ZONE 'UTC'));
    RETURN true;
END
$$;

-- Drops the partitions of the days before `before` and returns their names.
CREATE FUNCTION officer_position_drop_partitions(before date) RETURNS SETOF text
    LANGUAGE plpgsql
    AS $$
DECLARE
    part record;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('officer_position_partitions'));
    FOR part IN
        SELECT c.relname::text AS name
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'officer_position'::regclass
          AND c.relname ~ '^officer_position_p[0-9]{8}$'
          AND to_date(substr(c.relname, 19), 'YYYYMMDD') < before
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE %I', part.name);
        RETURN NEXT part.name;
    END LOOP;
END
$$;

-- Today's partition and the next two, so that ingest finds them from the first position on.
SELECT officer_position_ensure_partition(d::date)
FROM generate_series((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 2, interval '1 day') AS d;

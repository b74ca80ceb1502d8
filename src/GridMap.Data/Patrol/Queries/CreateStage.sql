-- The writer's staging table: binary COPY lands here, then one INSERT … SELECT moves the rows
-- into the partitioned table skipping duplicates. Temporary (no WAL, no other session sees it)
-- and emptied by every commit.
CREATE TEMP TABLE IF NOT EXISTS position_stage (
    device_id   text             NOT NULL,
    officer_id  bigint           NOT NULL,
    time        timestamptz      NOT NULL,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    speed_mps   real             NULL,
    heading     real             NULL,
    altitude    real             NULL,
    accuracy    real             NULL,
    battery     real             NULL,
    received_at timestamptz      NOT NULL
) ON COMMIT DELETE ROWS;

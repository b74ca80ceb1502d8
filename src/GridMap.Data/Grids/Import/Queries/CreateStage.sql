-- Imports run one at a time and validate against the grids they are about to replace, so
-- writers wait for the whole import; readers (tiles, the console) are not blocked.
LOCK TABLE grid IN SHARE ROW EXCLUSIVE MODE;

-- Staging for one import, private to this session and gone at the end of the transaction.
-- Every feature is staged, including those with property errors, so that their geometry is
-- checked too and one run reports all faults.
CREATE TEMP TABLE import_grid_stage (
    idx           int PRIMARY KEY,
    code          text NULL,      -- as written in the file, for messages
    grid_code     text NULL,      -- well-formed and first occurrence: takes part in hierarchy checks
    parent_code   text NULL,      -- derived from grid_code
    level         smallint NULL,
    name          text NULL,
    land_use      text NULL,
    households    int NULL,
    geojson       text NULL,
    geom          geometry NULL,
    parse_error   text NULL,
    geom_check    text NULL,
    geom_message  text NULL,
    geom_ok       boolean NOT NULL DEFAULT false,
    area_m2       double precision NULL,
    sibling_key   text NULL,
    prev_version  int NULL,       -- highest version the code had before, when it had one
    replaces      boolean NOT NULL DEFAULT false,  -- the code is current and gets a new version
    prev_land_use text NULL,
    prev_households int NULL
) ON COMMIT DROP;
CREATE INDEX ON import_grid_stage (grid_code);
CREATE INDEX ON import_grid_stage (parent_code);

-- ST_GeomFromGeoJSON raises on an unparseable geometry, which would abort the bulk load; this
-- turns the exception into a per-feature message. A temp function needs no migration and
-- disappears with the session.
CREATE OR REPLACE FUNCTION pg_temp.gridmap_parse_geojson(geojson text, OUT geom geometry, OUT error text)
LANGUAGE plpgsql AS $$
BEGIN
    IF geojson IS NULL THEN
        RETURN;
    END IF;
    geom := ST_Force2D(ST_GeomFromGeoJSON(geojson));
EXCEPTION WHEN OTHERS THEN
    geom := NULL;
    error := SQLERRM;
END
$$;

-- Grids are versioned: a boundary is never overwritten, a new row is published with
-- valid_from and the old one gets valid_to. "Current" means valid_to IS NULL.
CREATE TABLE grid (
    id            bigserial PRIMARY KEY,
    code          text        NOT NULL CHECK (code ~ '^[0-9]{12}([0-9]{2}([0-9]{3})?)?$'),
    name          text        NOT NULL,
    level         smallint    NOT NULL CHECK (level BETWEEN 1 AND 3),
    parent_code   text        NULL,
    land_use      text        NULL,
    boundary      geometry(MultiPolygon, 4326) NOT NULL,
    -- Web Mercator copy for tile generation, kept so that tiles never transform per request.
    boundary_3857 geometry(MultiPolygon, 3857) NOT NULL,
    label_point   geometry(Point, 4326) NOT NULL,
    households    int         NOT NULL DEFAULT 0,
    version       int         NOT NULL DEFAULT 1,
    valid_from    timestamptz NOT NULL DEFAULT now(),
    valid_to      timestamptz NULL,
    CHECK (length(code) = CASE level WHEN 1 THEN 12 WHEN 2 THEN 14 ELSE 17 END),
    CHECK ((level = 1) = (parent_code IS NULL)),
    CHECK (parent_code IS NULL OR left(code, length(parent_code)) = parent_code)
);
CREATE UNIQUE INDEX grid_current_code ON grid (code) WHERE valid_to IS NULL;
CREATE INDEX grid_code_pattern ON grid (code text_pattern_ops) WHERE valid_to IS NULL;
CREATE INDEX grid_parent ON grid (parent_code) WHERE valid_to IS NULL;
CREATE INDEX grid_boundary_gist ON grid USING gist (boundary) WHERE valid_to IS NULL;
CREATE INDEX grid_boundary_3857_gist ON grid USING gist (boundary_3857) WHERE valid_to IS NULL;

CREATE TABLE officer (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL,
    gender      char(1) NOT NULL CHECK (gender IN ('M', 'F')),
    phone       text NOT NULL
);

-- 定人定责定岗: who is fixed to which grid, in which role and shift.
CREATE TABLE officer_assignment (
    id          bigserial PRIMARY KEY,
    officer_id  bigint NOT NULL REFERENCES officer (id),
    grid_code   text   NOT NULL,
    role        text   NOT NULL REFERENCES officer_role (code),
    shift       text   NOT NULL REFERENCES shift (code),
    building_id bigint NULL,
    since       date   NOT NULL DEFAULT current_date,
    until       date   NULL
);
CREATE INDEX officer_assignment_grid ON officer_assignment (grid_code text_pattern_ops);
CREATE INDEX officer_assignment_officer ON officer_assignment (officer_id);

CREATE TABLE building (
    id              bigserial PRIMARY KEY,
    grid_code       text     NOT NULL,          -- the third-level grid that contains it
    address         text     NOT NULL,
    floors          smallint NOT NULL CHECK (floors > 0),
    kind            text     NOT NULL REFERENCES building_kind (code),
    management_mode text     NOT NULL REFERENCES management_mode (code),
    access_control  boolean  NOT NULL DEFAULT false,
    footprint       geometry(MultiPolygon, 4326) NOT NULL,
    footprint_3857  geometry(MultiPolygon, 3857) NOT NULL,
    centroid        geometry(Point, 4326) NOT NULL
);
CREATE INDEX building_grid ON building (grid_code text_pattern_ops);
CREATE INDEX building_footprint_gist ON building USING gist (footprint);
CREATE INDEX building_footprint_3857_gist ON building USING gist (footprint_3857);
CREATE INDEX building_address_trgm ON building (address text_pattern_ops);

ALTER TABLE officer_assignment
    ADD CONSTRAINT officer_assignment_building FOREIGN KEY (building_id) REFERENCES building (id);

-- A rental house (出租屋) is a building let to tenants by one landlord; its units are the
-- rooms or flats let separately.
CREATE TABLE rental_house (
    id                bigserial PRIMARY KEY,
    building_id       bigint  NOT NULL UNIQUE REFERENCES building (id),
    landlord_name     text    NOT NULL,
    landlord_phone    text    NOT NULL,
    landlord_id_number text   NOT NULL,
    manager_name      text    NULL,
    registered_on     date    NOT NULL,
    -- ≥10 rooms or ≥30 beds: a large rental building with extra duties.
    is_large          boolean NOT NULL DEFAULT false
);

CREATE TABLE rental_unit (
    id               bigserial PRIMARY KEY,
    rental_house_id  bigint   NOT NULL REFERENCES rental_house (id),
    unit_number      text     NOT NULL,
    rooms            smallint NOT NULL CHECK (rooms > 0),
    capacity         smallint NOT NULL CHECK (capacity > 0),
    area_m2          numeric(6,1) NOT NULL CHECK (area_m2 > 0),
    UNIQUE (rental_house_id, unit_number)
);

CREATE TABLE resident (
    id                   bigserial PRIMARY KEY,
    building_id          bigint   NOT NULL REFERENCES building (id),
    rental_unit_id       bigint   NULL REFERENCES rental_unit (id),
    name                 text     NOT NULL,
    gender               char(1)  NOT NULL CHECK (gender IN ('M', 'F')),
    -- Stored whole because officers must match it against a card; every read path masks it.
    id_number            text     NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    phone                text     NULL,
    is_migrant           boolean  NOT NULL,
    origin_division     text     NOT NULL,
    arrived_on           date     NULL,
    departed_on          date     NULL,
    residence_permit_no  text     NULL,
    permit_expires_on    date     NULL
);
CREATE INDEX resident_building ON resident (building_id) WHERE departed_on IS NULL;
CREATE INDEX resident_unit ON resident (rental_unit_id) WHERE rental_unit_id IS NOT NULL;

-- The district's own base map, so the console works with no internet.
CREATE TABLE base_road (
    id        bigserial PRIMARY KEY,
    name      text NULL,
    class     text NOT NULL CHECK (class IN ('primary', 'secondary', 'street', 'lane')),
    geom      geometry(MultiLineString, 4326) NOT NULL,
    geom_3857 geometry(MultiLineString, 3857) NOT NULL
);
CREATE INDEX base_road_gist ON base_road USING gist (geom_3857);

CREATE TABLE base_block (
    id        bigserial PRIMARY KEY,
    kind      text NOT NULL,
    geom      geometry(MultiPolygon, 4326) NOT NULL,
    geom_3857 geometry(MultiPolygon, 3857) NOT NULL
);
CREATE INDEX base_block_gist ON base_block USING gist (geom_3857);

CREATE TABLE base_water (
    id        bigserial PRIMARY KEY,
    name      text NULL,
    geom      geometry(MultiPolygon, 4326) NOT NULL,
    geom_3857 geometry(MultiPolygon, 3857) NOT NULL
);
CREATE INDEX base_water_gist ON base_water USING gist (geom_3857);

-- Bumped by anything that changes what tiles show; part of every tile's cache key.
CREATE TABLE data_version (
    id      int PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO data_version (id, version) VALUES (1, 1);

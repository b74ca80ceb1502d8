-- Reference data that the rest of the schema points at. Kept as rows, not enums,
-- so an administrator can add a role or a building kind without a migration.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE officer_role (
    code        text PRIMARY KEY,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    sort_order  int  NOT NULL
);

CREATE TABLE shift (
    code        text PRIMARY KEY,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    starts_at   time NOT NULL,
    ends_at     time NOT NULL
);

CREATE TABLE building_kind (
    code        text PRIMARY KEY,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    color       text NOT NULL
);

CREATE TABLE management_mode (
    code        text PRIMARY KEY,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    color       text NOT NULL
);

INSERT INTO officer_role (code, name_zh, name_en, sort_order) VALUES
    ('party_secretary',  '党组织书记',   'Party secretary',          10),
    ('grid_leader',      '网格长',       'Grid leader',              20),
    ('deputy_leader',    '副网格长',     'Deputy grid leader',       30),
    ('grid_officer',     '专职网格员',   'Grid officer',             40),
    ('police_officer',   '驻格民警',     'Resident police officer',  50),
    ('traffic_officer',  '驻格交警',     'Traffic police officer',   60),
    ('volunteer_leader', '志愿者队长',   'Volunteer team leader',    70),
    ('building_head',    '楼栋长',       'Building head',            80);

INSERT INTO shift (code, name_zh, name_en, starts_at, ends_at) VALUES
    ('day',       '日班',   'Day',        '08:30', '17:30'),
    ('early',     '早班',   'Early',      '07:00', '15:00'),
    ('late',      '晚班',   'Late',       '14:00', '22:00'),
    ('on_call',   '随叫',   'On call',    '00:00', '23:59');

INSERT INTO building_kind (code, name_zh, name_en, color) VALUES
    ('self_built',   '自建出租屋',   'Self-built rental house', '#e07a5f'),
    ('residential',  '商品房住宅',   'Residential tower',       '#3d85c6'),
    ('factory',      '厂房',         'Factory',                 '#8e7cc3'),
    ('dormitory',    '员工宿舍',     'Dormitory',               '#c27ba0'),
    ('shop_house',   '商住楼',       'Shop-house',              '#f1c232'),
    ('public',       '公共建筑',     'Public building',         '#6aa84f'),
    ('village_house','村民自住房',   'Villager''s own house',   '#b6a17c');

-- 五管齐下: the five housing management modes.
INSERT INTO management_mode (code, name_zh, name_en, color) VALUES
    ('village',     '村委主管、村民自管',   'Village committee',           '#e69138'),
    ('property',    '物业主管、业主自管',   'Property management',         '#3c78d8'),
    ('enterprise',  '企业主管、部门监管',   'Enterprise dormitory',        '#674ea7'),
    ('large_rental','业主自管、公安督管',   'Large rental building',       '#cc0000'),
    ('scattered',   '来穗中心主管、部门联管','Scattered rental',           '#93c47d');

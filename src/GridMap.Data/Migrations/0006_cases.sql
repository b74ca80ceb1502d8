-- Cases (案件): the hazard taxonomy with its time limits, the working calendar, and the cases
-- themselves with their append-only timelines, photos and escalations. See docs/cases.md.
-- Depends only on 0001-0003 (officer, building, grid codes).

-- ---------------------------------------------------------------- departments
-- Who can be responsible for a hazard. Plain reference data (like officer_role): a department
-- is retired with active = false, never deleted, because old cases and taxonomy versions name it.
CREATE TABLE department (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,31}$'),
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    sort_order  int  NOT NULL,
    active      boolean NOT NULL DEFAULT true
);

INSERT INTO department (code, name_zh, name_en, sort_order) VALUES
    ('fire',      '消防救援',             'Fire and rescue',                      10),
    ('police',    '派出所',               'Police station',                       20),
    ('housing',   '住房和城乡建设',       'Housing and construction',             30),
    ('market',    '市场监督管理',         'Market regulation',                    40),
    ('urban',     '城市管理综合执法',     'Urban management',                     50),
    ('health',    '卫生健康',             'Health',                               60),
    ('education', '教育',                 'Education',                            70),
    ('culture',   '文化广电旅游体育',     'Culture and tourism',                  80),
    ('ecology',   '生态环境',             'Ecology and environment',              90),
    ('emergency', '应急管理',             'Emergency management',                100),
    ('migrant',   '流动人员服务管理',     'Migrant services',                    110),
    ('utilities', '公用设施权属单位',     'Utility owners (water, power, telecom)', 120),
    ('street',    '街道综治中心',         'Street governance centre',            130);

-- ---------------------------------------------------------------- taxonomy (versioned)
-- Categories and sub-categories are versioned like grids: an edit closes the current row
-- (valid_to) and inserts the next version; "current" is valid_to IS NULL. A case points at the
-- exact sub-category version it was filed under, so an edit never changes a running deadline
-- and the history of every limit stays queryable.
CREATE TABLE hazard_category (
    id            bigserial PRIMARY KEY,
    code          text        NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,47}$'),
    name_zh       text        NOT NULL CHECK (name_zh <> ''),
    name_en       text        NOT NULL CHECK (name_en <> ''),
    -- One of the rental-house inspection categories (八查): counts in the rectification rate.
    rental_hazard boolean     NOT NULL,
    sort_order    int         NOT NULL,
    version       int         NOT NULL DEFAULT 1 CHECK (version > 0),
    valid_from    timestamptz NOT NULL DEFAULT now(),
    valid_to      timestamptz NULL,
    changed_by    text        NOT NULL DEFAULT 'seed',
    change_note   text        NULL,
    UNIQUE (code, version),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX hazard_category_current ON hazard_category (code) WHERE valid_to IS NULL;

CREATE TABLE hazard_subcategory (
    id                    bigserial PRIMARY KEY,
    code                  text        NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,47}$'),
    category_code         text        NOT NULL,
    name_zh               text        NOT NULL CHECK (name_zh <> ''),
    name_en               text        NOT NULL CHECK (name_en <> ''),
    filing_conditions_zh  text        NOT NULL,   -- 立案条件
    filing_conditions_en  text        NOT NULL,
    closing_conditions_zh text        NOT NULL,   -- 结案条件
    closing_conditions_en text        NOT NULL,
    severity              text        NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    -- One limit per timed stage: (amount, unit). numeric(6,2) allows 0.5 emergency hours.
    verify_amount         numeric(6,2) NOT NULL CHECK (verify_amount > 0),
    verify_unit           text        NOT NULL CHECK (verify_unit IN ('emergency_hours', 'working_hours', 'working_days')),
    dispatch_amount       numeric(6,2) NOT NULL CHECK (dispatch_amount > 0),
    dispatch_unit         text        NOT NULL CHECK (dispatch_unit IN ('emergency_hours', 'working_hours', 'working_days')),
    handle_amount         numeric(6,2) NOT NULL CHECK (handle_amount > 0),
    handle_unit           text        NOT NULL CHECK (handle_unit IN ('emergency_hours', 'working_hours', 'working_days')),
    check_amount          numeric(6,2) NOT NULL CHECK (check_amount > 0),
    check_unit            text        NOT NULL CHECK (check_unit IN ('emergency_hours', 'working_hours', 'working_days')),
    sort_order            int         NOT NULL,
    version               int         NOT NULL DEFAULT 1 CHECK (version > 0),
    valid_from            timestamptz NOT NULL DEFAULT now(),
    valid_to              timestamptz NULL,
    changed_by            text        NOT NULL DEFAULT 'seed',
    change_note           text        NULL,
    UNIQUE (code, version),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX hazard_subcategory_current ON hazard_subcategory (code) WHERE valid_to IS NULL;
CREATE INDEX hazard_subcategory_category ON hazard_subcategory (category_code) WHERE valid_to IS NULL;

-- The responsible departments of one sub-category version (a new version gets its own rows).
CREATE TABLE hazard_subcategory_department (
    subcategory_id  bigint NOT NULL REFERENCES hazard_subcategory (id),
    department_code text   NOT NULL REFERENCES department (code),
    PRIMARY KEY (subcategory_id, department_code)
);

-- History is not rewritten: a version row may only be closed (valid_to set once), never edited
-- or deleted. Row triggers bind the table owner too, which a REVOKE would not.
CREATE FUNCTION hazard_version_guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% rows are history and cannot be deleted; close a version by setting valid_to', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.valid_to IS NOT NULL OR NEW.valid_to IS NULL
       OR (to_jsonb(NEW) - 'valid_to') IS DISTINCT FROM (to_jsonb(OLD) - 'valid_to') THEN
        RAISE EXCEPTION '% % version % is history: the only change allowed is closing it (valid_to)',
            TG_TABLE_NAME, OLD.code, OLD.version
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER hazard_category_history BEFORE UPDATE OR DELETE ON hazard_category
    FOR EACH ROW EXECUTE FUNCTION hazard_version_guard();
CREATE TRIGGER hazard_subcategory_history BEFORE UPDATE OR DELETE ON hazard_subcategory
    FOR EACH ROW EXECUTE FUNCTION hazard_version_guard();

-- Append-only tables (case timelines, escalations, photos, a version's departments) refuse
-- UPDATE and DELETE. TRUNCATE stays possible on purpose: replacing the whole demo district
-- (generate) empties every table that references buildings and officers.
CREATE FUNCTION case_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER hazard_subcategory_department_append_only BEFORE UPDATE OR DELETE ON hazard_subcategory_department
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

INSERT INTO hazard_category (code, name_zh, name_en, rental_hazard, sort_order) VALUES
    ('fire_safety',         '消防安全',     'Fire safety',                 true,  10),
    ('overcrowding',        '群租',         'Overcrowded renting',         true,  20),
    ('structural',          '结构安全',     'Structural safety',           true,  30),
    ('public_security',     '治安管理',     'Public security',             true,  40),
    ('unlicensed_business', '无证无照经营', 'Unlicensed business',         true,  50),
    ('environment_order',   '环境秩序',     'Environment and public order', false, 60);

-- Seed sub-categories. Limits are written '<amount> <unit>' per stage: verification,
-- dispatch, handling, check. The default set is documented (with its sources) in docs/cases.md.
WITH seed (sort_order, code, category_code, name_zh, name_en, filing_zh, filing_en, closing_zh, closing_en,
           severity, verify, dispatch, handle, check_limit, departments) AS (VALUES
    (10, 'fire_ebike_indoor', 'fire_safety', '电动自行车违规停放充电', 'E-bike parked or charged indoors',
     '电动自行车或其蓄电池在住宅室内、楼道、楼梯间、疏散通道、安全出口停放或充电，或私拉电线“飞线”充电。',
     'An e-bike or its battery is parked or charged inside a dwelling, in a corridor, stairwell, escape route or exit, or charged from a trailing cable.',
     '车辆及蓄电池已移出室内和公共通道，“飞线”已拆除，有可用的集中停放充电点。',
     'Bikes and batteries are out of the rooms and common ways, trailing cables removed, a shared parking and charging point is available.',
     'high', '2 working_hours', '1 working_hours', '1 working_days', '1 working_days', ARRAY['fire', 'street']),
    (20, 'fire_escape_blocked', 'fire_safety', '疏散通道堵塞或防盗网封窗', 'Escape route blocked or windows barred',
     '疏散通道、楼梯间、安全出口被占用、堵塞或锁闭；外窗、阳台安装固定防盗网且未设逃生口。',
     'An escape route, stairwell or exit is occupied, blocked or locked; windows or balconies carry fixed bars with no escape opening.',
     '通道畅通，安全出口可从内部开启；防盗网已拆除或设置可从内部开启的逃生口。',
     'Routes are clear and exits open from inside; bars are removed or fitted with an escape hatch that opens from inside.',
     'high', '2 working_hours', '1 working_hours', '3 working_days', '1 working_days', ARRAY['fire']),
    (30, 'fire_equipment_missing', 'fire_safety', '灭火器、应急照明缺失或失效', 'Extinguishers or emergency lights missing or failed',
     '出租屋未按要求配置灭火器、应急照明、疏散指示标志或独立式烟感报警器，或已过期、损坏、无法使用。',
     'A rental house lacks the required extinguishers, emergency lighting, exit signs or smoke alarms, or they are expired, damaged or do not work.',
     '按标准配齐且能正常使用，灭火器在有效期内。',
     'Equipment complete to standard and working; extinguishers within their service date.',
     'medium', '4 working_hours', '1 working_hours', '5 working_days', '1 working_days', ARRAY['fire']),
    (40, 'fire_wiring', 'fire_safety', '电气线路私拉乱接', 'Unsafe electrical wiring',
     '电线私拉乱接、未穿管保护、老化破损，大功率电器超负荷使用，或缺少漏电保护装置。',
     'Improvised, unprotected, worn or damaged wiring, overloaded circuits, or no residual-current protection.',
     '线路已按规范整改（穿管、更换、加装漏电保护），无私拉乱接。',
     'Wiring redone to code (conduit, replacement, residual-current devices fitted); no improvised connections left.',
     'high', '2 working_hours', '1 working_hours', '3 working_days', '1 working_days', ARRAY['fire', 'street']),
    (50, 'fire_three_in_one', 'fire_safety', '“三合一”场所', 'Living, working and storage under one roof',
     '住宿与生产、经营、储存场所设置在同一建筑内，且未采取防火分隔和独立疏散措施。',
     'People sleep in the same building as a workshop, shop or store, without fire separation and separate escape routes.',
     '住宿已搬离，或已按规范设置防火分隔和独立疏散通道。',
     'Sleeping quarters moved out, or fire separation and separate escape routes built to code.',
     'high', '2 working_hours', '1 working_hours', '5 working_days', '1 working_days', ARRAY['fire', 'market']),

    (10, 'crowd_area', 'overcrowding', '人均居住面积不足5平方米', 'Less than 5 m² per person',
     '出租房屋人均使用面积低于5平方米，或每个房间居住人数超过规定。',
     'A let dwelling gives its tenants less than 5 m² of floor area per person, or a room holds more people than allowed.',
     '居住人数已减至人均不少于5平方米，并完成租住人员登记变更。',
     'Occupancy reduced to at least 5 m² per person and tenant registrations updated.',
     'medium', '4 working_hours', '1 working_hours', '10 working_days', '1 working_days', ARRAY['migrant', 'housing']),
    (20, 'crowd_partition', 'overcrowding', '隔断群租（房中房）', 'Rooms within rooms',
     '擅自用隔板等分割房间、打隔断出租，形成“房中房”或床位出租。',
     'Rooms subdivided with partitions to let more rooms or bed spaces.',
     '隔断已拆除，恢复原房屋格局。',
     'Partitions removed, the original layout restored.',
     'medium', '4 working_hours', '1 working_hours', '10 working_days', '1 working_days', ARRAY['housing', 'fire']),
    (30, 'crowd_balcony', 'overcrowding', '阳台、厨卫改作居室', 'Balcony, kitchen or bathroom let as a room',
     '将阳台、厨房、卫生间、储藏室、地下室等非居住空间改作居室出租。',
     'A balcony, kitchen, bathroom, storeroom or basement is let as a bedroom.',
     '已恢复原使用功能，不再住人。',
     'The space is back to its original use and nobody sleeps there.',
     'medium', '4 working_hours', '1 working_hours', '10 working_days', '1 working_days', ARRAY['housing']),
    (40, 'crowd_short_let', 'overcrowding', '按床位、按日或按小时出租', 'Let by the bed, the day or the hour',
     '未取得旅馆业许可，按床位、按日或按小时出租房屋（日租房、钟点房）。',
     'Rooms let by the bed, the day or the hour without a hotel licence.',
     '已停止短租经营或取得许可，住客已按规定登记。',
     'Short letting stopped or licensed; guests registered as required.',
     'medium', '4 working_hours', '1 working_hours', '5 working_days', '1 working_days', ARRAY['police', 'migrant']),

    (10, 'struct_alteration', 'structural', '擅自改变房屋结构', 'Unauthorised structural alteration',
     '擅自拆改承重墙、梁柱、楼板，擅自加层、开挖地下室，或擅自改变用途影响结构安全。',
     'Load-bearing walls, beams, columns or floors altered without permission, floors added or basements dug, or a change of use that affects the structure.',
     '已停止施工并恢复原状，或经房屋安全鉴定合格并补办手续。',
     'Work stopped and the structure restored, or certified safe by an appraisal and permitted.',
     'high', '2 working_hours', '1 working_hours', '5 working_days', '1 working_days', ARRAY['housing', 'urban']),
    (20, 'struct_dangerous', 'structural', '疑似危险房屋', 'Suspected dangerous building',
     '房屋出现明显裂缝、倾斜、沉降，构件严重锈蚀或剥落，可能危及居住安全。',
     'Marked cracks, tilt or settlement, or badly corroded or spalling members that may endanger the occupants.',
     '已撤离人员或围蔽现场，已委托房屋安全鉴定并按鉴定结论处置。',
     'Occupants moved out or the site cordoned off; a safety appraisal commissioned and its findings acted on.',
     'critical', '1 emergency_hours', '0.5 emergency_hours', '24 emergency_hours', '4 emergency_hours', ARRAY['housing', 'emergency']),

    (10, 'sec_unregistered', 'public_security', '出租屋人员未登记', 'Tenants not registered',
     '租住人员未按“人来登记”要求登记，或出租人未在7日内申报租赁信息。',
     'Tenants not registered on arrival, or the landlord did not report the lease within 7 days.',
     '租住人员信息已登记或更新，出租人已申报租赁信息。',
     'Tenants registered or updated; the lease reported by the landlord.',
     'low', '4 working_hours', '1 working_hours', '3 working_days', '1 working_days', ARRAY['migrant', 'police']),
    (20, 'sec_access_control', 'public_security', '门禁视频缺失或失效', 'Access-control video missing or broken',
     '应安装门禁视频的出租屋未安装，或门禁、视频监控损坏、被破坏，录像保存不足30天。',
     'A rental building that must have access-control video has none, or the door system or CCTV is broken or tampered with, or keeps less than 30 days of footage.',
     '门禁视频已安装或修复并接入系统，录像保存满30天。',
     'Access control and video installed or repaired and connected; footage kept for 30 days.',
     'low', '4 working_hours', '1 working_hours', '5 working_days', '1 working_days', ARRAY['police', 'migrant']),
    (30, 'sec_illegal_activity', 'public_security', '涉黄赌毒等违法犯罪线索', 'Signs of gambling, drugs, prostitution or gangs',
     '发现涉黄、涉赌、涉毒、涉黑涉恶或其他违法犯罪活动线索。',
     'Signs of prostitution, gambling, drugs, organised crime or other offences.',
     '公安机关已受理并反馈处置结果。',
     'The police have taken the matter and reported back.',
     'high', '2 working_hours', '1 working_hours', '1 working_days', '1 working_days', ARRAY['police']),
    (40, 'sec_foreigners', 'public_security', '“三非”外国人线索', 'Foreigners entering, staying or working illegally',
     '发现外国人非法入境、非法居留、非法就业线索，或境外人员未办理住宿登记。',
     'Signs of foreigners entering, staying or working illegally, or foreign guests without an accommodation registration.',
     '公安机关已核查并反馈。',
     'Checked and answered by the police.',
     'medium', '4 working_hours', '1 working_hours', '3 working_days', '1 working_days', ARRAY['police']),

    (10, 'biz_clinic', 'unlicensed_business', '无证行医（黑诊所）', 'Unlicensed clinic',
     '未取得医疗机构执业许可证开展诊疗活动，或非医师行医。',
     'Medical treatment given without a medical institution licence, or by someone who is not a licensed doctor.',
     '已取缔或停业，药品器械已依法处理。',
     'Shut down; drugs and equipment dealt with according to law.',
     'high', '2 working_hours', '1 working_hours', '5 working_days', '1 working_days', ARRAY['health', 'market']),
    (20, 'biz_internet_cafe', 'unlicensed_business', '无证网吧（黑网吧）', 'Unlicensed internet café',
     '未取得网络文化经营许可证从事互联网上网服务经营，或接纳未成年人上网。',
     'Internet access sold to the public without a licence, or minors admitted.',
     '已取缔或停业，设备已依法处理。',
     'Closed down; equipment dealt with according to law.',
     'medium', '4 working_hours', '1 working_hours', '5 working_days', '1 working_days', ARRAY['culture', 'police']),
    (30, 'biz_childcare', 'unlicensed_business', '无证托管、校外培训', 'Unlicensed after-school care or tutoring',
     '未经登记许可开办学生托管、校外培训机构，或场所不符合消防、食品安全要求。',
     'After-school care or tutoring run without registration, or in premises that fail fire or food-safety rules.',
     '已停办，或已取得登记许可并通过消防、食品安全检查。',
     'Closed, or registered and passed the fire and food-safety inspections.',
     'medium', '4 working_hours', '1 working_hours', '5 working_days', '1 working_days', ARRAY['education', 'market', 'fire']),
    (40, 'biz_unlicensed_other', 'unlicensed_business', '其他无照经营', 'Other unlicensed business',
     '未取得营业执照或许可从事经营活动（小作坊、小档口、小食店等）。',
     'Trading without a business licence or permit (small workshops, stalls, eateries).',
     '已办理执照或停止经营。',
     'Licensed, or trading stopped.',
     'low', '4 working_hours', '1 working_hours', '10 working_days', '1 working_days', ARRAY['market']),

    (10, 'env_manhole_missing', 'environment_order', '井盖缺失', 'Missing manhole cover',
     '道路、人行道或小区内井盖缺失、移位或破碎，井口敞开。',
     'A manhole cover on a road, pavement or estate is missing, displaced or broken, leaving the shaft open.',
     '已设置警示围蔽并补装合格井盖。',
     'Guarded with warning barriers and a proper cover fitted.',
     'critical', '0.5 emergency_hours', '0.5 emergency_hours', '2 emergency_hours', '4 emergency_hours', ARRAY['utilities', 'urban']),
    (20, 'env_manhole_loose', 'environment_order', '井盖松动、破损', 'Rattling or damaged manhole cover',
     '井盖松动、有异响、凹陷、凸起或部分破损，但井口未敞开。',
     'A cover rocks, rattles, sits too low or high, or is partly broken, but the shaft is not open.',
     '井盖已修复或更换，平稳无异响。',
     'Cover repaired or replaced, level and quiet.',
     'medium', '4 working_hours', '1 working_hours', '2 working_days', '1 working_days', ARRAY['utilities', 'urban']),
    (30, 'env_dumping', 'environment_order', '乱倒垃圾、建筑垃圾', 'Illegal dumping',
     '在非指定地点倾倒生活垃圾、建筑垃圾或大件垃圾，面积超过1平方米。',
     'Household, construction or bulky waste dumped outside designated points, over 1 m².',
     '垃圾已清运，现场干净。',
     'Waste removed; the place is clean.',
     'low', '4 working_hours', '1 working_hours', '2 working_days', '1 working_days', ARRAY['urban', 'ecology']),
    (40, 'env_street_business', 'environment_order', '占道经营', 'Street-occupying business',
     '在道路、人行道、广场等公共场所摆卖、占道经营或店外经营。',
     'Selling on roads, pavements or squares, or trading outside the shop front.',
     '摊位已撤离，道路恢复通行。',
     'Stalls gone; the way is clear.',
     'low', '4 working_hours', '1 working_hours', '4 working_hours', '1 working_days', ARRAY['urban']),
    (50, 'env_illegal_building', 'environment_order', '违法搭建', 'Illegal construction',
     '未取得规划许可新建、扩建、加建建筑物或构筑物（含天台、楼顶加建）。',
     'Building, extending or adding structures (rooftop additions included) without a planning permit.',
     '已停止施工并拆除，或依法补办手续。',
     'Work stopped and demolished, or permitted according to law.',
     'medium', '4 working_hours', '1 working_hours', '10 working_days', '1 working_days', ARRAY['urban', 'housing'])
), inserted AS (
    INSERT INTO hazard_subcategory (
        code, category_code, name_zh, name_en, filing_conditions_zh, filing_conditions_en,
        closing_conditions_zh, closing_conditions_en, severity,
        verify_amount, verify_unit, dispatch_amount, dispatch_unit,
        handle_amount, handle_unit, check_amount, check_unit, sort_order)
    SELECT code, category_code, name_zh, name_en, filing_zh, filing_en, closing_zh, closing_en, severity,
           split_part(verify, ' ', 1)::numeric, split_part(verify, ' ', 2),
           split_part(dispatch, ' ', 1)::numeric, split_part(dispatch, ' ', 2),
           split_part(handle, ' ', 1)::numeric, split_part(handle, ' ', 2),
           split_part(check_limit, ' ', 1)::numeric, split_part(check_limit, ' ', 2),
           sort_order
    FROM seed
    RETURNING id, code
)
INSERT INTO hazard_subcategory_department (subcategory_id, department_code)
SELECT i.id, d.code
FROM inserted i
JOIN seed s ON s.code = i.code
CROSS JOIN LATERAL unnest(s.departments) AS d(code);

-- ---------------------------------------------------------------- working calendar
-- The published holiday arrangement per year (国务院办公厅关于部分节假日安排的通知): the
-- exceptions to Monday-Friday. A year without a row here is counted on weekends alone, and the
-- console can say so (calendar_year lists the years that are loaded).
CREATE TABLE calendar_year (
    year        int  PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    source      text NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calendar_day (
    day         date PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('holiday', 'working_day')),
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    changed_by  text NOT NULL DEFAULT 'seed',
    changed_at  timestamptz NOT NULL DEFAULT now(),
    -- An adjusted working day is by definition a weekend day worked in exchange.
    CHECK (kind <> 'working_day' OR extract(isodow FROM day) IN (6, 7))
);

INSERT INTO calendar_year (year, source) VALUES
    (2026, '国务院办公厅关于2026年部分节假日安排的通知 (published 2025-11-04, Xinhua)');

INSERT INTO calendar_day (day, kind, name_zh, name_en)
SELECT d::date, 'holiday', h.name_zh, h.name_en
FROM (VALUES
    ('2026-01-01'::date, '2026-01-03'::date, '元旦',   'New Year''s Day'),
    ('2026-02-15',       '2026-02-23',       '春节',   'Spring Festival'),
    ('2026-04-04',       '2026-04-06',       '清明节', 'Qingming Festival'),
    ('2026-05-01',       '2026-05-05',       '劳动节', 'Labour Day'),
    ('2026-06-19',       '2026-06-21',       '端午节', 'Dragon Boat Festival'),
    ('2026-09-25',       '2026-09-27',       '中秋节', 'Mid-Autumn Festival'),
    ('2026-10-01',       '2026-10-07',       '国庆节', 'National Day')
) AS h(first_day, last_day, name_zh, name_en)
CROSS JOIN LATERAL generate_series(h.first_day, h.last_day, interval '1 day') AS d;

INSERT INTO calendar_day (day, kind, name_zh, name_en) VALUES
    ('2026-01-04', 'working_day', '元旦',   'New Year''s Day'),
    ('2026-02-14', 'working_day', '春节',   'Spring Festival'),
    ('2026-02-28', 'working_day', '春节',   'Spring Festival'),
    ('2026-05-09', 'working_day', '劳动节', 'Labour Day'),
    ('2026-09-20', 'working_day', '国庆节', 'National Day'),
    ('2026-10-10', 'working_day', '国庆节', 'National Day');

-- ---------------------------------------------------------------- cases
-- "case" is an SQL keyword, hence hazard_case. The row is the current summary of the case;
-- its history is case_event. Nothing is deleted (trigger below); every update bumps version,
-- which is what optimistic concurrency compares, and is matched by exactly one event.
CREATE TABLE hazard_case (
    id                  bigserial PRIMARY KEY,
    number              text        NOT NULL UNIQUE CHECK (number ~ '^[0-9]{9}-[0-9]{8}-[0-9]{4,6}$'),
    category_code       text        NOT NULL,
    subcategory_code    text        NOT NULL,
    -- The exact taxonomy version the case was filed under (its limits and departments).
    subcategory_id      bigint      NOT NULL REFERENCES hazard_subcategory (id),
    description         text        NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    lat                 double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon                 double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    -- Derived from lat/lon by PostgreSQL itself, so the three can never disagree; the Web
    -- Mercator copy keeps tile queries free of per-request transforms.
    geom                geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
    geom_3857           geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 3857)) STORED,
    building_id         bigint      NULL REFERENCES building (id),
    grid_code           text        NOT NULL CHECK (grid_code ~ '^[0-9]{17}$'),
    state               text        NOT NULL CHECK (state IN ('reported', 'verified', 'cancelled', 'dispatched', 'accepted',
                                                              'in_handling', 'handled', 'checked', 'closed', 'parked')),
    parked_from         text        NULL CHECK (parked_from IN ('verified', 'dispatched', 'accepted', 'in_handling')),
    severity            text        NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    assignee_officer_id bigint      NULL REFERENCES officer (id),
    departments         text[]      NOT NULL DEFAULT '{}',
    -- 'user:<id>', 'open311:<key id>' or 'system:<process>'; the officer when an officer reported.
    reported_by         text        NOT NULL CHECK (reported_by ~ '^(user|open311|system):.+$'),
    reporter_officer_id bigint      NULL,
    source              text        NOT NULL CHECK (source IN ('console', 'mobile', 'open311')),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    -- The running timed stage and its clock; all null when no clock runs (parked, checked, closed, cancelled).
    stage               text        NULL CHECK (stage IN ('verification', 'dispatch', 'handling', 'check')),
    stage_started_at    timestamptz NULL,
    deadline            timestamptz NULL,
    limit_amount        numeric(6,2) NULL,
    limit_unit          text        NULL CHECK (limit_unit IN ('emergency_hours', 'working_hours', 'working_days')),
    -- Set by the deadline watcher when the assignee was warned (nearing the limit) in this stage.
    warned_at           timestamptz NULL,
    -- 0 none, 1 second-level grid leader, 2 first-level grid leader, 3 street command centre.
    escalation_level    smallint    NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),
    rework_count        int         NOT NULL DEFAULT 0 CHECK (rework_count >= 0),
    closed_at           timestamptz NULL,
    duplicate_of        bigint      NULL REFERENCES hazard_case (id),
    version             int         NOT NULL CHECK (version > 0),
    CHECK ((state = 'parked') = (parked_from IS NOT NULL)),
    CHECK ((stage IS NULL) = (deadline IS NULL) AND (stage IS NULL) = (stage_started_at IS NULL)
           AND (stage IS NULL) = (limit_amount IS NULL) AND (stage IS NULL) = (limit_unit IS NULL)),
    CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
    CHECK (duplicate_of IS NULL OR duplicate_of <> id)
);
CREATE INDEX hazard_case_grid ON hazard_case (grid_code text_pattern_ops);
CREATE INDEX hazard_case_open_deadline ON hazard_case (deadline) WHERE state NOT IN ('closed', 'cancelled');
CREATE INDEX hazard_case_state ON hazard_case (state, grid_code text_pattern_ops);
CREATE INDEX hazard_case_created ON hazard_case (created_at);
CREATE INDEX hazard_case_assignee ON hazard_case (assignee_officer_id) WHERE state NOT IN ('closed', 'cancelled');
CREATE INDEX hazard_case_building ON hazard_case (building_id, subcategory_code) WHERE building_id IS NOT NULL;
CREATE INDEX hazard_case_geom_3857 ON hazard_case USING gist (geom_3857);
-- Duplicate search measures metres on the spheroid: index the geography, not the geometry.
CREATE INDEX hazard_case_geography ON hazard_case USING gist ((geom::geography));

CREATE FUNCTION hazard_case_guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'cases are never deleted (case %); cancel or close it instead', OLD.number
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.id <> OLD.id OR NEW.number <> OLD.number OR NEW.created_at <> OLD.created_at
       OR NEW.reported_by <> OLD.reported_by OR NEW.source <> OLD.source THEN
        RAISE EXCEPTION 'case %: id, number, reporter, source and creation time never change', OLD.number
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.version <> OLD.version + 1 THEN
        RAISE EXCEPTION 'case %: every change is one event and bumps the version by one (% -> %)',
            OLD.number, OLD.version, NEW.version
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER hazard_case_guard BEFORE UPDATE OR DELETE ON hazard_case
    FOR EACH ROW EXECUTE FUNCTION hazard_case_guard();

-- The daily sequence of the public number, per street (441302010-20261122-0001).
CREATE TABLE case_number_counter (
    street_code text NOT NULL CHECK (street_code ~ '^[0-9]{9}$'),
    day         date NOT NULL,
    last        int  NOT NULL CHECK (last > 0),
    PRIMARY KEY (street_code, day)
);

-- The timeline. One row per action; seq equals the case version the action produced.
CREATE TABLE case_event (
    id                  bigserial PRIMARY KEY,
    case_id             bigint      NOT NULL REFERENCES hazard_case (id),
    seq                 int         NOT NULL CHECK (seq > 0),
    action              text        NOT NULL CHECK (action IN ('report', 'verify', 'cancel', 'dispatch', 'reassign', 'accept',
                                                               'start', 'handle', 'check_pass', 'check_fail', 'close', 'reopen',
                                                               'park', 'unpark', 'escalate', 'warn')),
    from_state          text        NULL,
    to_state            text        NOT NULL,
    actor               text        NOT NULL CHECK (actor ~ '^(user|open311|system):.+$'),
    actor_name          text        NOT NULL,
    actor_role          text        NULL,
    actor_officer_id    bigint      NULL,
    at                  timestamptz NOT NULL,
    lat                 double precision NULL CHECK (lat BETWEEN -90 AND 90),
    lon                 double precision NULL CHECK (lon BETWEEN -180 AND 180),
    note                text        NULL,
    photo_ids           uuid[]      NOT NULL DEFAULT '{}',
    assignee_officer_id bigint      NULL,
    departments         text[]      NULL,
    escalation_level    smallint    NULL CHECK (escalation_level BETWEEN 1 AND 3),
    -- The deadline running when the action happened, and the one running after it: whether a
    -- stage finished on time is read from the event alone.
    due_at              timestamptz NULL,
    deadline            timestamptz NULL,
    cancel_reason       text        NULL CHECK (cancel_reason IN ('invalid', 'duplicate')),
    duplicate_of        bigint      NULL,
    rule                text        NULL,
    UNIQUE (case_id, seq),
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK ((action = 'report') = (from_state IS NULL))
);
CREATE INDEX case_event_at ON case_event (at);

CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

-- Photos are kept in the database with their case: one backup holds both, and a photo can only
-- be read through a query that checks the case's grid against the reader's scope. Images are
-- already compressed, so the column is stored out of line without a second compression.
CREATE TABLE case_photo (
    id           uuid        PRIMARY KEY,
    case_id      bigint      NOT NULL REFERENCES hazard_case (id),
    sha256       bytea       NOT NULL CHECK (length(sha256) = 32),
    mime         text        NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes   int         NOT NULL CHECK (size_bytes > 0),
    bytes        bytea       NOT NULL,
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    -- The same picture sent twice for a case is stored once.
    UNIQUE (case_id, sha256),
    CHECK (size_bytes = length(bytes))
);
ALTER TABLE case_photo ALTER COLUMN bytes SET STORAGE EXTERNAL;

CREATE TRIGGER case_photo_append_only BEFORE UPDATE OR DELETE ON case_photo
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

-- One row per escalation event: to whom it went (a grid's leader, or the command centre).
CREATE TABLE case_escalation (
    id                bigserial   PRIMARY KEY,
    case_id           bigint      NOT NULL REFERENCES hazard_case (id),
    event_id          bigint      NOT NULL UNIQUE REFERENCES case_event (id),
    level             smallint    NOT NULL CHECK (level BETWEEN 1 AND 3),
    target_grid_code  text        NULL,     -- NULL: the street command centre
    stage             text        NULL,
    due_at            timestamptz NULL,
    at                timestamptz NOT NULL,
    escalated_by      text        NOT NULL
);
CREATE INDEX case_escalation_case ON case_escalation (case_id);
CREATE INDEX case_escalation_target ON case_escalation (target_grid_code text_pattern_ops, at DESC);

CREATE TRIGGER case_escalation_append_only BEFORE UPDATE OR DELETE ON case_escalation
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

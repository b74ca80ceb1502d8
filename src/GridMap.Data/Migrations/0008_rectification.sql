-- Rectification notices (整改通知书) for rental-house hazards and their re-inspections (复查).
-- See docs/cases.md, "Rectification and re-inspection". Depends on 0002 (buildings, rental
-- houses) and 0006 (cases, the append-only trigger function case_append_only()).

-- ---------------------------------------------------------------- issuing offices
-- The street (街道) office that issues notices in its name: one row per street code (the first
-- nine digits of a grid code). A street without a row issues as "<code> 街道办事处" until an
-- administrator adds it, so a new district never blocks a notice.
CREATE TABLE street_office (
    street_code  text PRIMARY KEY CHECK (street_code ~ '^[0-9]{9}$'),
    name_zh      text NOT NULL CHECK (name_zh <> ''),   -- 惠州市惠城区小金口街道办事处
    name_en      text NOT NULL CHECK (name_en <> ''),
    -- The short form in the notice number: 小金口街整改〔2026〕第0001号.
    short_zh     text NOT NULL CHECK (short_zh <> '')
);

INSERT INTO street_office (street_code, name_zh, name_en, short_zh) VALUES
    ('441302010', '惠州市惠城区小金口街道办事处', 'Xiaojinkou Street Office, Huicheng District, Huizhou', '小金口街');

-- ---------------------------------------------------------------- legal basis and requirements
-- Per sub-category code (not version: the law does not change when a limit is edited). Only
-- rental-hazard sub-categories have a row. Article numbers are cited only where they were
-- checked against the published text; otherwise the instrument is cited without one.
CREATE TABLE rectification_basis (
    subcategory_code text PRIMARY KEY CHECK (subcategory_code ~ '^[a-z][a-z0-9_]{1,47}$'),
    basis_zh         text NOT NULL CHECK (basis_zh <> ''),
    basis_en         text NOT NULL CHECK (basis_en <> ''),
    requirements_zh  text NOT NULL CHECK (requirements_zh <> ''),
    requirements_en  text NOT NULL CHECK (requirements_en <> ''),
    changed_by       text NOT NULL DEFAULT 'seed',
    changed_at       timestamptz NOT NULL DEFAULT now()
);

INSERT INTO rectification_basis (subcategory_code, basis_zh, basis_en, requirements_zh, requirements_en) VALUES
    ('fire_ebike_indoor',
     '《中华人民共和国消防法》第二十八条；《高层民用建筑消防安全管理规定》（应急管理部令第5号）第三十七条（高层民用建筑适用）。',
     'Fire Protection Law of the PRC, Article 28; Provisions on Fire Safety Management of High-rise Civil Buildings (Ministry of Emergency Management Order No. 5), Article 37 (high-rise buildings).',
     '立即将电动自行车及其蓄电池移出室内、楼道、楼梯间、疏散通道和安全出口，停止在上述位置充电；拆除私拉乱接的充电线路（“飞线”）；引导租户到集中停放充电点停放充电。',
     'Move e-bikes and their batteries out of rooms, corridors, stairwells, escape routes and exits at once and stop charging there; remove trailing charging cables; direct tenants to the shared parking and charging point.'),
    ('fire_escape_blocked',
     '《中华人民共和国消防法》第二十八条。',
     'Fire Protection Law of the PRC, Article 28.',
     '清除占用、堵塞疏散通道、楼梯间和安全出口的杂物，安全出口不得锁闭；拆除封闭外窗、阳台的固定防盗网，或设置可从内部开启的逃生口。',
     'Clear everything that occupies or blocks escape routes, stairwells and exits, and keep exits unlocked; remove fixed bars from windows and balconies, or fit an escape opening that opens from inside.'),
    ('fire_equipment_missing',
     '《中华人民共和国消防法》。',
     'Fire Protection Law of the PRC.',
     '按标准在每层公共区域配置合格灭火器，设置应急照明和疏散指示标志，出租房间安装独立式感烟火灾探测报警器；更换过期、损坏的器材并保持完好有效。',
     'Provide certified extinguishers on every floor''s common area, emergency lighting and exit signs, and stand-alone smoke alarms in the let rooms; replace expired or damaged equipment and keep it working.'),
    ('fire_wiring',
     '《中华人民共和国消防法》第二十七条。',
     'Fire Protection Law of the PRC, Article 27.',
     '委托持证电工按规范整改电气线路：拆除私拉乱接线路，线路穿管保护，更换老化破损线路，加装漏电保护装置，不得超负荷用电。',
     'Have a licensed electrician redo the wiring to code: remove improvised connections, run cables in conduit, replace worn cables, fit residual-current devices, and stop overloading circuits.'),
    ('fire_three_in_one',
     '《中华人民共和国消防法》第十九条；《住宿与生产储存经营合用场所消防安全技术要求》（XF 703）。',
     'Fire Protection Law of the PRC, Article 19; Technical requirements for fire safety of premises combining accommodation with production, storage or business (XF 703).',
     '停止在生产、储存、经营场所内住宿，人员搬离；确需保留住宿的，按规范设置防火分隔和独立的疏散通道，并配置消防设施器材。',
     'Stop people sleeping in the workshop, store or shop and move them out; where sleeping quarters must stay, build fire separation and a separate escape route to code and provide fire equipment.'),
    ('crowd_area',
     '《商品房屋租赁管理办法》（住房和城乡建设部令第6号）第八条；本市出租屋管理有关规定。',
     'Measures for the Administration of Commodity House Leasing (Ministry of Housing and Urban-Rural Development Order No. 6), Article 8; the city''s rental-house rules.',
     '减少居住人数，使人均居住面积不低于5平方米；同步办理租住人员登记变更。',
     'Reduce the number of occupants to at least 5 m² of floor area per person, and update the tenants'' registrations accordingly.'),
    ('crowd_partition',
     '《商品房屋租赁管理办法》（住房和城乡建设部令第6号）第八条；《中华人民共和国消防法》。',
     'Measures for the Administration of Commodity House Leasing (MOHURD Order No. 6), Article 8; Fire Protection Law of the PRC.',
     '拆除擅自设置的隔断，恢复原设计房间格局，以原设计的房间为最小出租单位出租。',
     'Remove the partitions, restore the original layout, and let no unit smaller than an original room.'),
    ('crowd_balcony',
     '《商品房屋租赁管理办法》（住房和城乡建设部令第6号）第八条。',
     'Measures for the Administration of Commodity House Leasing (MOHURD Order No. 6), Article 8.',
     '停止将厨房、卫生间、阳台、储藏室、地下室等非居住空间出租供人员居住，恢复其原使用功能。',
     'Stop letting kitchens, bathrooms, balconies, storerooms or basements for people to live in, and return them to their original use.'),
    ('crowd_short_let',
     '《旅馆业治安管理办法》；《租赁房屋治安管理规定》（公安部令第24号）。',
     'Measures for the Public Security Administration of the Hotel Industry; Provisions on the Public Security Administration of Rented Houses (Ministry of Public Security Order No. 24).',
     '停止按床位、按日或按小时出租经营；确需经营的，依法取得特种行业许可后方可经营，并落实住宿登记。',
     'Stop letting by the bed, the day or the hour; to continue, obtain the special-trade licence first and register every guest.'),
    ('struct_alteration',
     '《建设工程质量管理条例》；《住宅室内装饰装修管理办法》（建设部令第110号）。',
     'Regulations on the Quality Management of Construction Projects; Measures for the Administration of Interior Decoration of Residences (Ministry of Construction Order No. 110).',
     '立即停止拆改承重结构、加层或开挖等施工；委托有资质的设计或鉴定单位评估，按评估意见恢复原状或加固，并依法补办手续。',
     'Stop any work on load-bearing members, added floors or excavation at once; have a qualified designer or appraiser assess the building, restore or strengthen it as advised, and obtain the permits required.'),
    ('struct_dangerous',
     '《城市危险房屋管理规定》（建设部令第4号，建设部令第129号修正）。',
     'Provisions on the Administration of Dangerous Urban Buildings (Ministry of Construction Order No. 4, amended by Order No. 129).',
     '立即组织住户撤离危险部位或围蔽现场，停止出租使用；委托房屋安全鉴定机构进行鉴定，并按鉴定结论采取观察使用、处理使用、停止使用或整体拆除等措施。',
     'Move occupants out of the dangerous parts or cordon the site off at once and stop letting it; commission a building-safety appraisal and act on its finding (monitored use, repair, closure or demolition).'),
    ('sec_unregistered',
     '《租赁房屋治安管理规定》（公安部令第24号）；《广东省流动人口服务管理条例》。',
     'Provisions on the Public Security Administration of Rented Houses (MPS Order No. 24); Regulations of Guangdong Province on the Service and Administration of the Floating Population.',
     '如实登记全部租住人员信息并报送所在地流动人员服务管理机构或公安派出所；按规定申报房屋租赁信息；租住人员变动时及时更新。',
     'Register every tenant truthfully with the local migrant-services office or police station, report the lease as required, and update the records whenever tenants change.'),
    ('sec_access_control',
     '《租赁房屋治安管理规定》（公安部令第24号）；本市出租屋管理有关规定。',
     'Provisions on the Public Security Administration of Rented Houses (MPS Order No. 24); the city''s rental-house rules.',
     '按要求安装或修复门禁和视频监控系统并接入管理平台，录像资料保存不少于30日，确保正常运行。',
     'Install or repair the access-control and video system as required, connect it to the platform, keep footage for at least 30 days, and keep it running.'),
    ('sec_illegal_activity',
     '《中华人民共和国治安管理处罚法》；《租赁房屋治安管理规定》（公安部令第24号）。',
     'Public Security Administration Punishments Law of the PRC; Provisions on the Public Security Administration of Rented Houses (MPS Order No. 24).',
     '出租人不得将房屋出租给无身份证件的人居住；发现承租人利用出租房屋进行违法犯罪活动的，应当及时向公安机关报告，并配合公安机关调查处理。',
     'Let to no one without identity papers; report any use of the house for offences to the police at once and assist their investigation.'),
    ('sec_foreigners',
     '《中华人民共和国出境入境管理法》第三十九条。',
     'Exit and Entry Administration Law of the PRC, Article 39.',
     '留宿外国人的，应当在其入住后二十四小时内向居住地公安机关办理住宿登记；不得为非法入境、非法居留、非法就业的外国人提供住所。',
     'Register any foreign guest with the local police within 24 hours of arrival; provide no lodging to foreigners entering, staying or working illegally.'),
    ('biz_clinic',
     '《无证无照经营查处办法》（国务院令第684号）第二条；《医疗机构管理条例》。',
     'Measures for Investigating and Punishing Unlicensed Business Operations (State Council Decree No. 684), Article 2; Regulations on the Administration of Medical Institutions.',
     '立即停止在出租屋内开展诊疗活动；出租人不得为无证行医提供场所。',
     'Stop all medical practice in the rented premises at once; the landlord shall not provide premises for unlicensed practice.'),
    ('biz_internet_cafe',
     '《无证无照经营查处办法》（国务院令第684号）第二条；《互联网上网服务营业场所管理条例》。',
     'Measures for Investigating and Punishing Unlicensed Business Operations (State Council Decree No. 684), Article 2; Regulations on the Administration of Internet Access Service Business Premises.',
     '立即停止未经许可的上网服务经营活动；出租人不得为无证经营提供场所。',
     'Stop the unlicensed internet-access business at once; the landlord shall not provide premises for it.'),
    ('biz_childcare',
     '《无证无照经营查处办法》（国务院令第684号）第二条；《中华人民共和国消防法》。',
     'Measures for Investigating and Punishing Unlicensed Business Operations (State Council Decree No. 684), Article 2; Fire Protection Law of the PRC.',
     '立即停止未经许可的托管、校外培训活动，妥善安排学生离场；出租人不得为无证经营提供场所。',
     'Stop the unlicensed childcare or tutoring at once and see the children safely off the premises; the landlord shall not provide premises for it.'),
    ('biz_unlicensed_other',
     '《无证无照经营查处办法》（国务院令第684号）第二条。',
     'Measures for Investigating and Punishing Unlicensed Business Operations (State Council Decree No. 684), Article 2.',
     '停止无证无照经营活动，或依法办理营业执照及相关许可后方可经营；出租人不得为无证无照经营提供场所。',
     'Stop the unlicensed business, or obtain the business licence and any permit required before trading; the landlord shall not provide premises for unlicensed business.');

-- ---------------------------------------------------------------- notices
-- The yearly sequence of notice numbers per street.
CREATE TABLE rectification_notice_counter (
    street_code text NOT NULL CHECK (street_code ~ '^[0-9]{9}$'),
    year        int  NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    last        int  NOT NULL CHECK (last > 0),
    PRIMARY KEY (street_code, year)
);

-- A notice is the document as issued: everything printed on it is copied here at issue time,
-- so a later change of landlord, address, taxonomy or basis never rewrites a served document.
-- Immutable (trigger below); a correction is a new notice that supersedes this one.
CREATE TABLE rectification_notice (
    id                 bigserial   PRIMARY KEY,
    case_id            bigint      NOT NULL REFERENCES hazard_case (id),
    grid_code          text        NOT NULL CHECK (grid_code ~ '^[0-9]{17}$'),
    number             text        NOT NULL UNIQUE,
    street_code        text        NOT NULL CHECK (street_code ~ '^[0-9]{9}$'),
    year               int         NOT NULL,
    sequence           int         NOT NULL CHECK (sequence > 0),
    building_id        bigint      NOT NULL REFERENCES building (id),
    address            text        NOT NULL,
    -- The addressee: the landlord's name and phone only, never the ID number.
    landlord_name      text        NOT NULL,
    landlord_phone     text        NOT NULL,
    subcategory_code   text        NOT NULL,
    hazard_zh          text        NOT NULL,
    hazard_en          text        NOT NULL,
    description        text        NOT NULL,
    basis_zh           text        NOT NULL,
    basis_en           text        NOT NULL,
    requirements       text        NOT NULL CHECK (length(requirements) BETWEEN 1 AND 2000),
    deadline           timestamptz NOT NULL,
    office_zh          text        NOT NULL,
    office_en          text        NOT NULL,
    issued_at          timestamptz NOT NULL,
    issued_by          text        NOT NULL CHECK (issued_by ~ '^(user|system):.+$'),
    issued_by_name     text        NOT NULL,
    -- At most one correction per notice; a correction belongs to the same case.
    supersedes         bigint      NULL UNIQUE REFERENCES rectification_notice (id),
    UNIQUE (street_code, year, sequence),
    CHECK (deadline > issued_at)
);
CREATE INDEX rectification_notice_case ON rectification_notice (case_id);
CREATE INDEX rectification_notice_grid ON rectification_notice (grid_code text_pattern_ops);

CREATE TRIGGER rectification_notice_immutable BEFORE UPDATE OR DELETE ON rectification_notice
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

-- ---------------------------------------------------------------- re-inspections
-- One row per scheduled visit: round 1 at the notice's deadline, round n+1 RepeatDays after a
-- "not fixed" result of round n. The series of a superseded notice stops (the correction starts
-- its own). Rows and results are history: both are append-only.
CREATE TABLE reinspection (
    id          bigserial   PRIMARY KEY,
    notice_id   bigint      NOT NULL REFERENCES rectification_notice (id),
    case_id     bigint      NOT NULL REFERENCES hazard_case (id),
    grid_code   text        NOT NULL CHECK (grid_code ~ '^[0-9]{17}$'),
    round       int         NOT NULL CHECK (round > 0),
    due_at      timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    UNIQUE (notice_id, round)
);
CREATE INDEX reinspection_due ON reinspection (due_at);
CREATE INDEX reinspection_case ON reinspection (case_id);

CREATE TRIGGER reinspection_append_only BEFORE UPDATE OR DELETE ON reinspection
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

-- The result of a visit: exactly one per re-inspection, never changed.
CREATE TABLE reinspection_result (
    reinspection_id  bigint      PRIMARY KEY REFERENCES reinspection (id),
    result           text        NOT NULL CHECK (result IN ('fixed', 'not_fixed')),
    note             text        NULL CHECK (note IS NULL OR length(note) <= 2000),
    photo_ids        uuid[]      NOT NULL DEFAULT '{}',
    recorded_by      text        NOT NULL,
    recorded_by_name text        NOT NULL,
    recorded_at      timestamptz NOT NULL
);

CREATE TRIGGER reinspection_result_append_only BEFORE UPDATE OR DELETE ON reinspection_result
    FOR EACH ROW EXECUTE FUNCTION case_append_only();

-- The watcher's record that a due re-inspection was announced: one row each, so it is pushed
-- once even with two instances running (INSERT … ON CONFLICT DO NOTHING decides who pushes).
CREATE TABLE reinspection_reminder (
    reinspection_id  bigint      PRIMARY KEY REFERENCES reinspection (id),
    at               timestamptz NOT NULL
);

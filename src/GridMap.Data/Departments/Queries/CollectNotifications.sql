-- One pass of the outbox writer, run in a transaction that holds the advisory lock: every
-- dispatch or reassign event after the watermark (minus an overlap, see below) becomes one row
-- per responsible department. The unique key (event_id, department_code) makes re-reading an
-- event harmless. Events are read again from @overlap ids before the watermark because ids are
-- taken at insert, not at commit: an event whose transaction commits late can sit below an id
-- that was already read.
WITH mark AS (
    SELECT coalesce((SELECT last_event_id FROM department_notifier_watermark WHERE id = 1), 0) AS last
), source AS (
    SELECT e.id AS event_id, e.case_id, e.action, e.at, e.deadline,
           c.number, c.category_code, c.subcategory_code, c.severity, c.grid_code, c.lat, c.lon,
           s.name_zh AS sub_zh, s.name_en AS sub_en, b.address,
           d.code AS department_code, d.name_zh AS dep_zh, d.name_en AS dep_en, d.notify_url
    FROM case_event e
    JOIN hazard_case c ON c.id = e.case_id
    JOIN hazard_subcategory s ON s.id = c.subcategory_id
    LEFT JOIN building b ON b.id = c.building_id
    CROSS JOIN LATERAL unnest(coalesce(e.departments, c.departments)) AS dc(code)
    JOIN department d ON d.code = dc.code AND d.active
    WHERE e.id > (SELECT last FROM mark) - @overlap
      AND e.action IN ('dispatch', 'reassign')
), inserted AS (
    INSERT INTO department_notification (
        event_id, case_id, grid_code, department_code, action, payload, created_at, status, target_url, next_attempt_at)
    SELECT event_id, case_id, grid_code, department_code, action,
           jsonb_build_object(
               'eventId', event_id,
               'event', action,
               'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'department', jsonb_build_object('code', department_code, 'name', dep_zh, 'nameEn', dep_en),
               'case', jsonb_build_object(
                   'id', case_id,
                   'number', number,
                   'category', category_code,
                   'subcategory', subcategory_code,
                   'subcategoryName', sub_zh,
                   'subcategoryNameEn', sub_en,
                   'severity', severity,
                   'gridCode', grid_code,
                   'location', jsonb_build_object('lat', lat, 'lon', lon, 'address', address),
                   'deadline', to_char(deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   'link', @base_url || '/api/v1/cases/' || case_id)),
           @now,
           CASE WHEN notify_url IS NULL THEN 'recorded' ELSE 'pending' END,
           notify_url,
           CASE WHEN notify_url IS NULL THEN NULL ELSE @now END
    FROM source
    ORDER BY event_id, department_code
    ON CONFLICT (event_id, department_code) DO NOTHING
    RETURNING id
), advanced AS (
    INSERT INTO department_notifier_watermark (id, last_event_id)
    SELECT 1, max(id) FROM case_event WHERE id > (SELECT last FROM mark) HAVING max(id) IS NOT NULL
    ON CONFLICT (id) DO UPDATE SET last_event_id = GREATEST(department_notifier_watermark.last_event_id, excluded.last_event_id)
    RETURNING last_event_id
)
SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT max(last_event_id) FROM advanced) AS watermark;

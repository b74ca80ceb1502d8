-- An administrator's correction of one date; @kind NULL removes the exception (back to the weekday rule).
WITH removed AS (
    DELETE FROM calendar_day WHERE day = @day AND @kind::text IS NULL RETURNING day
)
INSERT INTO calendar_day (day, kind, name_zh, name_en, changed_by, changed_at)
SELECT @day, @kind, @name_zh, @name_en, @changed_by, @now
WHERE @kind::text IS NOT NULL
ON CONFLICT (day) DO UPDATE
    SET kind = EXCLUDED.kind, name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
        changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at;

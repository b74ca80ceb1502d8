-- The issuing street offices (or the one asked for), by street code.
SELECT street_code, name_zh, name_en, short_zh, version, changed_by, changed_at
FROM street_office
WHERE @code::text IS NULL OR street_code = @code
ORDER BY street_code;

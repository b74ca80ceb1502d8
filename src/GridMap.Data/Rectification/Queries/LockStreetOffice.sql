-- The office about to be edited, locked for the version check.
SELECT name_zh, name_en, short_zh, version
FROM street_office
WHERE street_code = @code
FOR UPDATE

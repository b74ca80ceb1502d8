SELECT day, kind, name_zh, name_en, changed_by, changed_at
FROM calendar_day
WHERE day >= @first AND day <= @last
ORDER BY day;

SELECT day, kind, name_zh, name_en FROM calendar_day ORDER BY day;

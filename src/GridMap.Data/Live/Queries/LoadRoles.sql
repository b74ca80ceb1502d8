SELECT code, name_zh, name_en, sort_order FROM officer_role ORDER BY sort_order, code;

SELECT code, name_zh, name_en, sort_order, active
FROM department
WHERE active OR @include_retired
ORDER BY sort_order, code;

-- Names of current grids by code (a page of a list shows names, with the code as secondary text).
SELECT code, name FROM grid WHERE code = ANY (@codes) AND valid_to IS NULL;

SELECT c.relname::text, to_date(substr(c.relname, 19), 'YYYYMMDD')
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'officer_position'::regclass
  AND c.relname ~ '^officer_position_p[0-9]{8}$'
ORDER BY c.relname;

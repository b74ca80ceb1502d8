-- What an Open311 client sent about the reporter of one case (personal data: command and admins only).
SELECT r.case_id, c.number, r.api_key_id, k.name AS key_name, k.owner AS key_owner, r.address_string, r.media_url,
       r.email, r.first_name, r.last_name, r.phone, r.device_id, r.account_id,
       ARRAY(SELECT d.number FROM hazard_case d WHERE d.id = ANY (r.possible_duplicates) ORDER BY d.id) AS possible_duplicates,
       r.received_at
FROM open311_request r
JOIN hazard_case c ON c.id = r.case_id
JOIN open311_api_key k ON k.id = r.api_key_id
WHERE r.case_id = @case_id
  AND (@everything OR c.grid_code LIKE ANY (@patterns));

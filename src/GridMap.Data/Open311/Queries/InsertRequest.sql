INSERT INTO open311_request (case_id, api_key_id, address_string, media_url, email, first_name, last_name, phone,
                             device_id, account_id, possible_duplicates, received_at)
VALUES (@case_id, @api_key_id, @address_string, @media_url, @email, @first_name, @last_name, @phone,
        @device_id, @account_id, @possible_duplicates, @now);

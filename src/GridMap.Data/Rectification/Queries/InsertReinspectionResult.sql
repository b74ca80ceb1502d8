INSERT INTO reinspection_result (reinspection_id, result, note, photo_ids, recorded_by, recorded_by_name, recorded_at)
VALUES (@id, @result, @note, @photo_ids, @recorded_by, @recorded_by_name, @recorded_at);

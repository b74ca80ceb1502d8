INSERT INTO hazard_category (code, name_zh, name_en, rental_hazard, sort_order, version, valid_from, changed_by, change_note)
VALUES (@code, @name_zh, @name_en, @rental_hazard, @sort_order, @version, @now, @changed_by, @change_note);

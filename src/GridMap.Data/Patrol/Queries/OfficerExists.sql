SELECT EXISTS (SELECT 1 FROM officer WHERE id = @officer_id);

SELECT EXISTS (SELECT 1 FROM hazard_case c WHERE c.id = @id AND (@everything OR c.grid_code LIKE ANY (@patterns)));

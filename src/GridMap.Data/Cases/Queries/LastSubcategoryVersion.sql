SELECT max(version) FROM hazard_subcategory WHERE code = @code;

INSERT INTO rectification_notice (
    case_id, grid_code, number, street_code, year, sequence, building_id, address, landlord_name, landlord_phone,
    subcategory_code, hazard_zh, hazard_en, description, basis_zh, basis_en, requirements, deadline,
    office_zh, office_en, issued_at, issued_by, issued_by_name, supersedes)
VALUES (
    @case_id, @grid_code, @number, @street_code, @year, @sequence, @building_id, @address, @landlord_name, @landlord_phone,
    @subcategory_code, @hazard_zh, @hazard_en, @description, @basis_zh, @basis_en, @requirements, @deadline,
    @office_zh, @office_en, @issued_at, @issued_by, @issued_by_name, @supersedes)
RETURNING id;

INSERT INTO hazard_subcategory (
    code, category_code, name_zh, name_en, filing_conditions_zh, filing_conditions_en,
    closing_conditions_zh, closing_conditions_en, severity,
    verify_amount, verify_unit, dispatch_amount, dispatch_unit,
    handle_amount, handle_unit, check_amount, check_unit,
    sort_order, version, valid_from, changed_by, change_note)
VALUES (
    @code, @category_code, @name_zh, @name_en, @filing_zh, @filing_en,
    @closing_zh, @closing_en, @severity,
    @verify_amount, @verify_unit, @dispatch_amount, @dispatch_unit,
    @handle_amount, @handle_unit, @check_amount, @check_unit,
    @sort_order, @version, @now, @changed_by, @change_note)
RETURNING id;

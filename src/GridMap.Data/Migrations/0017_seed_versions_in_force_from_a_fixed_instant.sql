-- The seeded taxonomy (version 1 of each category and sub-category, changed_by 'seed') took
-- valid_from from the database's now() when 0006 ran. Revisions are stamped by the application's
-- clock (TimeProvider), which need not agree with the database's: a node whose clock is behind,
-- or a test running on a fixed fake clock, then revised a version that "started" after the
-- revision, and the closing UPDATE broke CHECK (valid_to >= valid_from) with a 500. The seed is
-- the published rule set, in force before any case the district files: it is dated at a fixed
-- instant instead, so no clock can be behind it. (A revision behind a version written by another
-- node is refused with 409 by the repository; see CloseSubcategory.sql.)
ALTER TABLE hazard_category DISABLE TRIGGER hazard_category_history;
ALTER TABLE hazard_subcategory DISABLE TRIGGER hazard_subcategory_history;

UPDATE hazard_category SET valid_from = timestamptz '2000-01-01 00:00:00+08'
WHERE changed_by = 'seed' AND version = 1;
UPDATE hazard_subcategory SET valid_from = timestamptz '2000-01-01 00:00:00+08'
WHERE changed_by = 'seed' AND version = 1;

ALTER TABLE hazard_category ENABLE TRIGGER hazard_category_history;
ALTER TABLE hazard_subcategory ENABLE TRIGGER hazard_subcategory_history;

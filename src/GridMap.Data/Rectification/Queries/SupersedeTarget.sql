-- The notice a correction replaces: it must belong to the same case; superseded_by says whether
-- it was corrected already.
SELECT n.id, n.number, (SELECT s.id FROM rectification_notice s WHERE s.supersedes = n.id) AS superseded_by
FROM rectification_notice n
WHERE n.id = @id AND n.case_id = @case;

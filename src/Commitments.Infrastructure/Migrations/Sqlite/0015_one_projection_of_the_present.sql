-- One stored projection of an update's present: its row, written with each revision by the same store call. Reports as of
-- now read it; the review a reader may see (its assessment and comment) is the revision review_revision names. Reports as of
-- an earlier time replay the revisions recorded by then. A row an earlier release advanced without its content columns
-- takes them from its current revision first.
UPDATE updates SET state = r.state, status = r.status, confidentiality = r.confidentiality, main_message = r.main_message,
    evidence = r.evidence, summary = r.summary, details = r.details, planned_completion = r.planned_completion, also_answers = r.also_answers
FROM update_revisions r WHERE r.update_id = updates.id AND r.number = updates.revision;
ALTER TABLE updates ADD COLUMN review_revision INTEGER NULL;
UPDATE updates SET review_revision = (SELECT MAX(v.number) FROM update_revisions v
    WHERE v.update_id = updates.id AND v.action IN ('accept', 'return'));
DROP TABLE coverage_cells;
ALTER TABLE updates DROP COLUMN content_revision;
ALTER TABLE updates DROP COLUMN comment;
ALTER TABLE updates DROP COLUMN comment_internal;
ALTER TABLE updates DROP COLUMN assessed_status;
-- One counter raised by every committed transaction: what a report as of now is tagged with.
DELETE FROM report_versions;
INSERT INTO report_versions (scope, version) VALUES ('data', 1);

-- A single read or a page of the list reads the update's current content from its own row instead of joining each update to
-- its current revision (one more lookup per row): keep the rest of the current revision's content here too (the status,
-- confidentiality, main message and evidence are already kept), written with each revision in the same transaction
-- (UpdateStore). The revisions stay the record; these columns are a copy of the current one, and content_revision says which
-- revision they copy: an instance of an earlier version, still running during a rollout, advances an update without writing
-- them, so a read uses them only where content_revision is the update's revision and reads the revision otherwise.
ALTER TABLE updates ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE updates ADD COLUMN details TEXT NULL;
ALTER TABLE updates ADD COLUMN planned_completion TEXT NULL;
ALTER TABLE updates ADD COLUMN also_answers TEXT NULL;
ALTER TABLE updates ADD COLUMN comment TEXT NULL;
ALTER TABLE updates ADD COLUMN comment_internal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE updates ADD COLUMN content_revision INTEGER NULL;
UPDATE updates SET summary = r.summary, details = r.details, planned_completion = r.planned_completion, also_answers = r.also_answers,
    comment = r.comment, comment_internal = r.comment_internal, content_revision = r.number
FROM update_revisions r WHERE r.update_id = updates.id AND r.number = updates.revision;

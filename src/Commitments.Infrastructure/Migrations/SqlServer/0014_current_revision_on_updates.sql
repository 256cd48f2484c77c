-- A single read or a page of the list reads the update's current content from its own row instead of joining each update to
-- its current revision (one more lookup per row): keep the rest of the current revision's content here too (the status,
-- confidentiality, main message and evidence are already kept), written with each revision in the same transaction
-- (UpdateStore). The revisions stay the record; these columns are a copy of the current one, and content_revision says which
-- revision they copy: an instance of an earlier version, still running during a rollout, advances an update without writing
-- them, so a read uses them only where content_revision is the update's revision and reads the revision otherwise.
ALTER TABLE updates ADD summary NVARCHAR(4000) NOT NULL CONSTRAINT df_updates_summary DEFAULT '',
    details NVARCHAR(MAX) NULL, planned_completion NVARCHAR(10) NULL, also_answers NVARCHAR(MAX) NULL, comment NVARCHAR(4000) NULL,
    comment_internal BIT NOT NULL CONSTRAINT df_updates_comment_internal DEFAULT 0, content_revision INT NULL;
GO
UPDATE u SET summary = r.summary, details = r.details, planned_completion = r.planned_completion, also_answers = r.also_answers,
    comment = r.comment, comment_internal = r.comment_internal, content_revision = r.number
FROM updates u JOIN update_revisions r ON r.update_id = u.id AND r.number = u.revision;
GO

-- Reports "as of now" read each update's current state from this table alone instead of fetching 20,000 scattered
-- revision rows: keep the current revision's main message and evidence here too (a read model, written with each revision).
ALTER TABLE updates ADD main_message NVARCHAR(500) NULL, evidence NVARCHAR(MAX) NOT NULL CONSTRAINT df_updates_evidence DEFAULT '[]';
GO
UPDATE u SET main_message = r.main_message, evidence = r.evidence
FROM updates u JOIN update_revisions r ON r.update_id = u.id AND r.number = u.revision;
GO

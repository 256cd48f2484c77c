-- A review comment is either shown to the participant or kept internal to the secretariat; 0 (shown) for those before.
ALTER TABLE update_revisions ADD comment_internal BIT NOT NULL CONSTRAINT df_update_revisions_comment_internal DEFAULT 0;
GO

-- A review comment is either shown to the participant or kept internal to the secretariat; 0 (shown) for those before.
ALTER TABLE update_revisions ADD COLUMN comment_internal INTEGER NOT NULL DEFAULT 0;

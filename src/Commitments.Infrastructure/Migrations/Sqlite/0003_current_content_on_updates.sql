-- Reports "as of now" read each update's current state from this table alone instead of fetching 20,000 scattered
-- revision rows: keep the current revision's main message and evidence here too (a read model, written with each revision).
ALTER TABLE updates ADD COLUMN main_message TEXT NULL;
ALTER TABLE updates ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
UPDATE updates SET
    main_message = (SELECT r.main_message FROM update_revisions r WHERE r.update_id = updates.id AND r.number = updates.revision),
    evidence = (SELECT r.evidence FROM update_revisions r WHERE r.update_id = updates.id AND r.number = updates.revision);

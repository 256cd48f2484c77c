-- A catalogue the secretariat can cite: each instrument says what kind of text it is and where it is published; each
-- commitment carries the source's own words and their address; a participant may report through its parent; a cycle
-- says which of its dates are illustrative. Each catalogue version records who wrote it ('seed' or the API), so a later
-- seed step changes only what the secretariat has not edited.
ALTER TABLE instruments ADD COLUMN kind TEXT NOT NULL DEFAULT 'agreed_text';
ALTER TABLE instruments ADD COLUMN source_url TEXT NULL;
ALTER TABLE commitments ADD COLUMN quotation TEXT NULL;
ALTER TABLE commitments ADD COLUMN source_url TEXT NULL;
ALTER TABLE participants ADD COLUMN reports_through_parent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cycles ADD COLUMN description TEXT NULL;
ALTER TABLE catalogue_versions ADD COLUMN recorded_by TEXT NULL;

-- The catalogue as quoted from the primary texts: each instrument records the edition of its source page it was checked
-- against; a commitment names the secondary source its wording came from (when not the text itself), may be retired (kept
-- for history, nobody's obligation) and keeps the ids it had before it was renumbered; an endorsement's date says whether
-- it was on that day or by then, and an endorsement may cover only some of its instrument's commitments.
ALTER TABLE instruments ADD COLUMN edition_label TEXT NULL;
ALTER TABLE instruments ADD COLUMN edition_on TEXT NULL;
ALTER TABLE instruments ADD COLUMN edition_checked_on TEXT NULL;
ALTER TABLE commitments ADD COLUMN quoted_from TEXT NULL;
ALTER TABLE commitments ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
CREATE TABLE commitment_aliases (
    alias          TEXT NOT NULL PRIMARY KEY,
    commitment_id  TEXT NOT NULL REFERENCES commitments (id)
);
ALTER TABLE endorsements ADD COLUMN date_precision TEXT NOT NULL DEFAULT 'on';
-- The commitment ids it covers, space-separated; NULL: every commitment of its instrument.
ALTER TABLE endorsements ADD COLUMN covers TEXT NULL;

-- The catalogue as quoted from the primary texts: each instrument records the edition of its source page it was checked
-- against; a commitment names the secondary source its wording came from (when not the text itself), may be retired (kept
-- for history, nobody's obligation) and keeps the ids it had before it was renumbered; an endorsement's date says whether
-- it was on that day or by then, and an endorsement may cover only some of its instrument's commitments.
ALTER TABLE instruments ADD edition_label NVARCHAR(16) NULL, edition_on NVARCHAR(10) NULL, edition_checked_on NVARCHAR(10) NULL;
GO
ALTER TABLE commitments ADD quoted_from NVARCHAR(500) NULL;
GO
ALTER TABLE commitments ADD retired BIT NOT NULL CONSTRAINT df_commitments_retired DEFAULT 0;
GO
CREATE TABLE commitment_aliases (
    alias          NVARCHAR(32) NOT NULL CONSTRAINT pk_commitment_aliases PRIMARY KEY,
    commitment_id  NVARCHAR(32) NOT NULL REFERENCES commitments (id)
);
GO
ALTER TABLE endorsements ADD date_precision NVARCHAR(8) NOT NULL CONSTRAINT df_endorsements_date_precision DEFAULT 'on';
GO
-- The commitment ids it covers, space-separated; NULL: every commitment of its instrument.
ALTER TABLE endorsements ADD covers NVARCHAR(2000) NULL;
GO

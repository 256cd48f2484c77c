-- The secretariat's crosswalk between commitments that ask the same thing (or one that succeeds another). A removed link
-- keeps its row (removed_at), so the seed never adds it back and the audit log's entries still name a row.
CREATE TABLE commitment_links (
    id                    NVARCHAR(36) COLLATE Latin1_General_BIN2 NOT NULL CONSTRAINT pk_commitment_links PRIMARY KEY,
    commitment_id         NVARCHAR(32) NOT NULL REFERENCES commitments (id),
    linked_commitment_id  NVARCHAR(32) NOT NULL REFERENCES commitments (id),
    relation              NVARCHAR(16) NOT NULL,
    note                  NVARCHAR(1000) NULL,
    created_at            DATETIME2(7) NOT NULL,
    created_by            NVARCHAR(64) NULL,
    removed_at            DATETIME2(7) NULL,
    removed_by            NVARCHAR(64) NULL
);
GO
-- One live link per ordered pair; the handler refuses the reverse pair too, since a link reads both ways.
CREATE UNIQUE INDEX ux_commitment_links_live ON commitment_links (commitment_id, linked_commitment_id) WHERE removed_at IS NULL;
GO
CREATE INDEX ix_commitment_links_linked ON commitment_links (linked_commitment_id);
GO
-- The linked commitments a revision's answer also answers (a JSON array of ids); NULL when it cites none.
ALTER TABLE update_revisions ADD also_answers NVARCHAR(MAX) NULL;
GO

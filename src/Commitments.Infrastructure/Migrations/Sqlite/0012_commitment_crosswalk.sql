-- The secretariat's crosswalk between commitments that ask the same thing (or one that succeeds another). A removed link
-- keeps its row (removed_at), so the seed never adds it back and the audit log's entries still name a row.
CREATE TABLE commitment_links (
    id                    TEXT NOT NULL PRIMARY KEY,
    commitment_id         TEXT NOT NULL REFERENCES commitments (id),
    linked_commitment_id  TEXT NOT NULL REFERENCES commitments (id),
    relation              TEXT NOT NULL,
    note                  TEXT NULL,
    created_at            TEXT NOT NULL,
    created_by            TEXT NULL,
    removed_at            TEXT NULL,
    removed_by            TEXT NULL
);
-- One live link per ordered pair; the handler refuses the reverse pair too, since a link reads both ways.
CREATE UNIQUE INDEX ux_commitment_links_live ON commitment_links (commitment_id, linked_commitment_id) WHERE removed_at IS NULL;
CREATE INDEX ix_commitment_links_linked ON commitment_links (linked_commitment_id);

-- The linked commitments a revision's answer also answers (a JSON array of ids); NULL when it cites none.
ALTER TABLE update_revisions ADD COLUMN also_answers TEXT NULL;

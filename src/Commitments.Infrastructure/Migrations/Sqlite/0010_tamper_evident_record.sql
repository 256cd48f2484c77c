-- The tamper-evident record (README, "Receipts and the log"). Each revision keeps the SHA-256 of its canonical form, its
-- place in its update's hash chain, and its index in the log: an append-only Merkle tree over every revision and every
-- frozen pack. Rows from before this script get theirs from a one-time backfill at migrate time, oldest first.
ALTER TABLE update_revisions ADD COLUMN revision_hash TEXT NULL;
ALTER TABLE update_revisions ADD COLUMN chain_hash TEXT NULL;
ALTER TABLE update_revisions ADD COLUMN log_index INTEGER NULL;
CREATE UNIQUE INDEX ix_update_revisions_hash ON update_revisions (revision_hash);

-- A frozen pack is a log entry too, and keeps the signed tree head taken right after it was logged.
ALTER TABLE briefing_packs ADD COLUMN log_index INTEGER NULL;
ALTER TABLE briefing_packs ADD COLUMN tree_size INTEGER NULL;
ALTER TABLE briefing_packs ADD COLUMN tree_root TEXT NULL;
ALTER TABLE briefing_packs ADD COLUMN tree_timestamp TEXT NULL;
ALTER TABLE briefing_packs ADD COLUMN tree_signature TEXT NULL;

-- The root of every complete, aligned subtree: level 0 holds the leaf hashes, level L the node over 2^L leaves from idx * 2^L.
CREATE TABLE log_nodes (
    level  INTEGER NOT NULL,
    idx    INTEGER NOT NULL,
    hash   TEXT NOT NULL,
    PRIMARY KEY (level, idx)
);

-- The number of leaves; one row, updated by every append, so concurrent appenders take turns on it.
CREATE TABLE log_size (
    id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    size  INTEGER NOT NULL
);
INSERT INTO log_size (id, size) VALUES (1, 0);

-- The signing key when none is configured (development and tests): generated once, kept so restarts sign with it.
CREATE TABLE log_signing_key (
    id               INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    private_key_pem  TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

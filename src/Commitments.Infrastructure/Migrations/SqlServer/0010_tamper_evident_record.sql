-- The tamper-evident record (README, "Receipts and the log"). Each revision keeps the SHA-256 of its canonical form, its
-- place in its update's hash chain, and its index in the log: an append-only Merkle tree over every revision and every
-- frozen pack. Rows from before this script get theirs from a one-time backfill at migrate time, oldest first.
ALTER TABLE update_revisions ADD revision_hash CHAR(64) NULL, chain_hash CHAR(64) NULL, log_index BIGINT NULL;
GO
CREATE UNIQUE INDEX ix_update_revisions_hash ON update_revisions (revision_hash) WHERE revision_hash IS NOT NULL;
GO
-- A frozen pack is a log entry too, and keeps the signed tree head taken right after it was logged.
ALTER TABLE briefing_packs ADD log_index BIGINT NULL, tree_size BIGINT NULL, tree_root CHAR(64) NULL, tree_timestamp DATETIME2(7) NULL,
    tree_signature NVARCHAR(200) NULL;
GO
-- The root of every complete, aligned subtree: level 0 holds the leaf hashes, level L the node over 2^L leaves from idx * 2^L.
CREATE TABLE log_nodes (
    level  INT NOT NULL,
    idx    BIGINT NOT NULL,
    hash   CHAR(64) NOT NULL,
    CONSTRAINT pk_log_nodes PRIMARY KEY (level, idx)
);
GO
-- The number of leaves; one row, updated by every append, so concurrent appenders take turns on it.
CREATE TABLE log_size (
    id    INT NOT NULL CONSTRAINT pk_log_size PRIMARY KEY CONSTRAINT ck_log_size_one CHECK (id = 1),
    size  BIGINT NOT NULL
);
GO
INSERT INTO log_size (id, size) VALUES (1, 0);
GO
-- The signing key when none is configured (development and tests): generated once, kept so restarts sign with it.
CREATE TABLE log_signing_key (
    id               INT NOT NULL CONSTRAINT pk_log_signing_key PRIMARY KEY CONSTRAINT ck_log_signing_key_one CHECK (id = 1),
    private_key_pem  NVARCHAR(MAX) NOT NULL,
    created_at       DATETIME2(7) NOT NULL
);
GO

-- Reports as of now read one row per update of the cycle from here, written in the transaction that writes the update's
-- revision (UpdateStore), instead of joining each update to its current revision and its latest review and parsing its
-- evidence. The rows hold facts only; what a reader may see of them is still decided by Visibility when the report is built.
-- Reports as of an earlier time keep reading the revisions; a test holds the two reads to the same pack.
CREATE TABLE coverage_cells (
    cycle_id              TEXT NOT NULL REFERENCES cycles (id),
    participant_id        TEXT NOT NULL,
    commitment_id         TEXT NOT NULL,
    update_id             TEXT NOT NULL REFERENCES updates (id),
    revision              INTEGER NOT NULL,
    state                 TEXT NOT NULL,
    status                TEXT NOT NULL,
    assessed_status       TEXT NULL,
    contested             INTEGER NOT NULL,
    confidentiality       TEXT NOT NULL,
    first_submitted_at    TEXT NULL,
    amended_after_due_at  TEXT NULL,
    recorded_at           TEXT NOT NULL,
    evidence_count        INTEGER NOT NULL,
    evidence              TEXT NOT NULL,
    main_message          TEXT NULL,
    summary               TEXT NOT NULL,
    comment               TEXT NULL,
    comment_internal      INTEGER NOT NULL,
    PRIMARY KEY (cycle_id, participant_id, commitment_id)
);
CREATE UNIQUE INDEX ix_coverage_cells_update ON coverage_cells (update_id);

INSERT INTO coverage_cells (cycle_id, participant_id, commitment_id, update_id, revision, state, status, assessed_status, contested,
    confidentiality, first_submitted_at, amended_after_due_at, recorded_at, evidence_count, evidence, main_message, summary, comment,
    comment_internal)
SELECT u.cycle_id, u.participant_id, u.commitment_id, u.id, u.revision, u.state, u.status, u.assessed_status,
    CASE WHEN u.assessed_status IS NOT NULL AND u.assessed_status <> u.status THEN 1 ELSE 0 END,
    u.confidentiality, u.first_submitted_at, u.amended_after_due_at, u.updated_at, json_array_length(u.evidence), u.evidence,
    u.main_message, r.summary, c.comment, COALESCE(c.comment_internal, 0)
FROM updates u
JOIN update_revisions r ON r.update_id = u.id AND r.number = u.revision
LEFT JOIN update_revisions c ON c.update_id = u.id AND c.number = (SELECT MAX(v.number) FROM update_revisions v
    WHERE v.update_id = u.id AND v.action IN ('accept', 'return'));

-- A counter per cycle ('cycle/<id>') and one for the catalogue ('catalogue'), raised in the transaction of every write that
-- can change a report of the cycle (or of any cycle): a report as of now is tagged with them, so an unchanged one is a 304.
CREATE TABLE report_versions (
    scope    TEXT NOT NULL PRIMARY KEY,
    version  INTEGER NOT NULL
);
INSERT INTO report_versions (scope, version) SELECT 'cycle/' || id, 1 FROM cycles;
INSERT INTO report_versions (scope, version) VALUES ('catalogue', 1);

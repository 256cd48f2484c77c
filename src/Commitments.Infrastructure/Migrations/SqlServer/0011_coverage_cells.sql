-- Reports as of now read one row per update of the cycle from here, written in the transaction that writes the update's
-- revision (UpdateStore), instead of joining each update to its current revision and its latest review and parsing its
-- evidence. The rows hold facts only; what a reader may see of them is still decided by Visibility when the report is built.
-- Reports as of an earlier time keep reading the revisions; a test holds the two reads to the same pack.
CREATE TABLE coverage_cells (
    cycle_id              NVARCHAR(64) NOT NULL REFERENCES cycles (id),
    participant_id        NVARCHAR(64) NOT NULL,
    commitment_id         NVARCHAR(32) NOT NULL,
    update_id             NVARCHAR(36) COLLATE Latin1_General_BIN2 NOT NULL REFERENCES updates (id),
    revision              INT NOT NULL,
    state                 NVARCHAR(16) NOT NULL,
    status                NVARCHAR(32) NOT NULL,
    assessed_status       NVARCHAR(32) NULL,
    contested             BIT NOT NULL,
    confidentiality       NVARCHAR(16) NOT NULL,
    first_submitted_at    DATETIME2(7) NULL,
    amended_after_due_at  DATETIME2(7) NULL,
    recorded_at           DATETIME2(7) NOT NULL,
    evidence_count        INT NOT NULL,
    evidence              NVARCHAR(MAX) NOT NULL,
    main_message          NVARCHAR(500) NULL,
    summary               NVARCHAR(4000) NOT NULL,
    comment               NVARCHAR(4000) NULL,
    comment_internal      BIT NOT NULL,
    CONSTRAINT pk_coverage_cells PRIMARY KEY (cycle_id, participant_id, commitment_id)
);
GO
CREATE UNIQUE INDEX ix_coverage_cells_update ON coverage_cells (update_id);
GO
INSERT INTO coverage_cells (cycle_id, participant_id, commitment_id, update_id, revision, state, status, assessed_status, contested,
    confidentiality, first_submitted_at, amended_after_due_at, recorded_at, evidence_count, evidence, main_message, summary, comment,
    comment_internal)
SELECT u.cycle_id, u.participant_id, u.commitment_id, u.id, u.revision, u.state, u.status, u.assessed_status,
    CASE WHEN u.assessed_status IS NOT NULL AND u.assessed_status <> u.status THEN 1 ELSE 0 END,
    u.confidentiality, u.first_submitted_at, u.amended_after_due_at, u.updated_at, (SELECT COUNT(*) FROM OPENJSON(u.evidence)), u.evidence,
    u.main_message, r.summary, c.comment, COALESCE(c.comment_internal, 0)
FROM updates u
JOIN update_revisions r ON r.update_id = u.id AND r.number = u.revision
LEFT JOIN update_revisions c ON c.update_id = u.id AND c.number = (SELECT MAX(v.number) FROM update_revisions v
    WHERE v.update_id = u.id AND v.action IN ('accept', 'return'));
GO
-- A counter per cycle ('cycle/<id>') and one for the catalogue ('catalogue'), raised in the transaction of every write that
-- can change a report of the cycle (or of any cycle): a report as of now is tagged with them, so an unchanged one is a 304.
CREATE TABLE report_versions (
    scope    NVARCHAR(80) NOT NULL CONSTRAINT pk_report_versions PRIMARY KEY,
    version  BIGINT NOT NULL
);
GO
INSERT INTO report_versions (scope, version) SELECT N'cycle/' + id, 1 FROM cycles;
INSERT INTO report_versions (scope, version) VALUES (N'catalogue', 1);
GO

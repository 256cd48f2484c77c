-- Every recorded version of a participant, commitment and cycle, so a report as of a time reads the catalogue as it was
-- recorded then (names, titles, dates, scope); the tables themselves keep the current version.
CREATE TABLE catalogue_versions (
    seq          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_catalogue_versions PRIMARY KEY,
    entity_type  NVARCHAR(16) NOT NULL,
    entity_id    NVARCHAR(64) NOT NULL,
    recorded_at  DATETIME2(7) NOT NULL,
    content      NVARCHAR(MAX) NOT NULL
);
GO
CREATE INDEX ix_catalogue_versions ON catalogue_versions (entity_type, entity_id, recorded_at);
GO

-- Every recorded version of a participant, commitment and cycle, so a report as of a time reads the catalogue as it was
-- recorded then (names, titles, dates, scope); the tables themselves keep the current version.
CREATE TABLE catalogue_versions (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    content      TEXT NOT NULL
);
CREATE INDEX ix_catalogue_versions ON catalogue_versions (entity_type, entity_id, recorded_at);

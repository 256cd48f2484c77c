-- A report as of a time counts only what the catalogue held then: each endorsement records when it was recorded and,
-- once replaced or removed, when it was retracted, instead of being deleted. An endorsement whose date is unknown is in
-- force from the moment it was recorded. Rows already here count as recorded on their date, or now when undated.
CREATE TABLE endorsements_recorded (
    participant_id   TEXT NOT NULL REFERENCES participants (id),
    instrument_code  TEXT NOT NULL REFERENCES instruments (code),
    endorsed_on      TEXT NULL,
    basis            TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    retracted_at     TEXT NULL,
    PRIMARY KEY (participant_id, instrument_code, recorded_at)
);
INSERT INTO endorsements_recorded (participant_id, instrument_code, endorsed_on, basis, recorded_at, retracted_at)
SELECT participant_id, instrument_code, endorsed_on, basis,
    COALESCE(endorsed_on || ' 00:00:00', strftime('%Y-%m-%d %H:%M:%f', 'now')), NULL
FROM endorsements;
DROP TABLE endorsements;
ALTER TABLE endorsements_recorded RENAME TO endorsements;
CREATE INDEX ix_endorsements_current ON endorsements (participant_id, retracted_at);

-- Exemptions say when they were recorded, so an earlier as-of report does not change when one is added; NULL: before this.
ALTER TABLE obligation_exemptions ADD COLUMN recorded_at TEXT NULL;

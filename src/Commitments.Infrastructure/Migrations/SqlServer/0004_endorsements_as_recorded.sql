-- A report as of a time counts only what the catalogue held then: each endorsement records when it was recorded and,
-- once replaced or removed, when it was retracted, instead of being deleted. An endorsement whose date is unknown is in
-- force from the moment it was recorded. Rows already here count as recorded on their date, or now when undated.
CREATE TABLE endorsements_recorded (
    participant_id   NVARCHAR(64) NOT NULL REFERENCES participants (id),
    instrument_code  NVARCHAR(16) NOT NULL REFERENCES instruments (code),
    endorsed_on      NVARCHAR(10) NULL,
    basis            NVARCHAR(16) NOT NULL,
    recorded_at      DATETIME2 NOT NULL,
    retracted_at     DATETIME2 NULL,
    CONSTRAINT pk_endorsements_recorded PRIMARY KEY (participant_id, instrument_code, recorded_at)
);
GO
INSERT INTO endorsements_recorded (participant_id, instrument_code, endorsed_on, basis, recorded_at, retracted_at)
SELECT participant_id, instrument_code, endorsed_on, basis,
    COALESCE(TRY_CONVERT(DATETIME2, endorsed_on, 23), SYSUTCDATETIME()), NULL
FROM endorsements;
GO
DROP TABLE endorsements;
GO
EXEC sp_rename 'endorsements_recorded', 'endorsements';
GO
CREATE INDEX ix_endorsements_current ON endorsements (participant_id, retracted_at);
GO
-- Exemptions say when they were recorded, so an earlier as-of report does not change when one is added; NULL: before this.
ALTER TABLE obligation_exemptions ADD recorded_at DATETIME2 NULL;
GO

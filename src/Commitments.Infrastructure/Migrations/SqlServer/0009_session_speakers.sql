-- The participants the secretariat requested to speak at a cycle's session, in running order. Naming a new list replaces the
-- old one without deleting it (replaced_at), so a pack as of an earlier time leads with the speakers named then.
CREATE TABLE session_speakers (
    seq             BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_session_speakers PRIMARY KEY,
    cycle_id        NVARCHAR(64) NOT NULL REFERENCES cycles (id),
    position        INT NOT NULL,
    participant_id  NVARCHAR(64) NOT NULL REFERENCES participants (id),
    named_at        DATETIME2(7) NOT NULL,
    replaced_at     DATETIME2(7) NULL
);
GO
CREATE INDEX ix_session_speakers_current ON session_speakers (cycle_id, replaced_at);
GO

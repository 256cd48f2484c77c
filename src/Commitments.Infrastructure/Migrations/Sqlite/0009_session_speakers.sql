-- The participants the secretariat requested to speak at a cycle's session, in running order. Naming a new list replaces the
-- old one without deleting it (replaced_at), so a pack as of an earlier time leads with the speakers named then.
CREATE TABLE session_speakers (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle_id        TEXT NOT NULL REFERENCES cycles (id),
    position        INTEGER NOT NULL,
    participant_id  TEXT NOT NULL REFERENCES participants (id),
    named_at        TEXT NOT NULL,
    replaced_at     TEXT NULL
);
CREATE INDEX ix_session_speakers_current ON session_speakers (cycle_id, replaced_at);

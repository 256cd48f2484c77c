-- Timestamps are UTC, stored as ISO 8601 text (Microsoft.Data.Sqlite's DateTime format), so they sort as text.
-- Calendar dates are 'yyyy-MM-dd' text. Vocabulary values are the API's snake_case codes.
CREATE TABLE instruments (
    code         TEXT NOT NULL PRIMARY KEY,
    title        TEXT NOT NULL,
    adopted_on   TEXT NOT NULL,
    description  TEXT NULL
);

CREATE TABLE participants (
    id               TEXT NOT NULL PRIMARY KEY,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    parent_id        TEXT NULL REFERENCES participants (id),
    home_government  TEXT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE participant_aliases (
    participant_id TEXT NOT NULL REFERENCES participants (id),
    alias          TEXT NOT NULL,
    PRIMARY KEY (participant_id, alias)
);

CREATE TABLE endorsements (
    participant_id   TEXT NOT NULL REFERENCES participants (id),
    instrument_code  TEXT NOT NULL REFERENCES instruments (code),
    endorsed_on      TEXT NULL,
    basis            TEXT NOT NULL,
    PRIMARY KEY (participant_id, instrument_code)
);

CREATE TABLE commitments (
    id               TEXT NOT NULL PRIMARY KEY,
    instrument_code  TEXT NOT NULL REFERENCES instruments (code),
    paragraph_ref    TEXT NOT NULL,
    position         INTEGER NOT NULL,
    applies_to       TEXT NOT NULL,
    title            TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_commitments_instrument ON commitments (instrument_code, id);

CREATE TABLE cycles (
    id           TEXT NOT NULL PRIMARY KEY,
    title        TEXT NOT NULL,
    opens_at     TEXT NOT NULL,
    due_at       TEXT NOT NULL,
    grace_until  TEXT NOT NULL,
    state        TEXT NOT NULL,
    session_on   TEXT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE cycle_instruments (
    cycle_id         TEXT NOT NULL REFERENCES cycles (id),
    instrument_code  TEXT NOT NULL REFERENCES instruments (code),
    PRIMARY KEY (cycle_id, instrument_code)
);

CREATE TABLE api_keys (
    id              TEXT NOT NULL PRIMARY KEY,
    prefix          TEXT NOT NULL,
    secret_hash     TEXT NOT NULL,
    role            TEXT NOT NULL,
    participant_id  TEXT NULL REFERENCES participants (id),
    label           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NULL,
    revoked_at      TEXT NULL
);
CREATE INDEX ix_api_keys_prefix ON api_keys (prefix);

CREATE TABLE updates (
    id                  TEXT NOT NULL PRIMARY KEY,
    participant_id      TEXT NOT NULL REFERENCES participants (id),
    commitment_id       TEXT NOT NULL REFERENCES commitments (id),
    cycle_id            TEXT NOT NULL REFERENCES cycles (id),
    state               TEXT NOT NULL,
    status              TEXT NOT NULL,
    assessed_status     TEXT NULL,
    confidentiality     TEXT NOT NULL,
    revision            INTEGER NOT NULL,
    first_submitted_at  TEXT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CONSTRAINT uq_updates_obligation UNIQUE (participant_id, commitment_id, cycle_id)
);
CREATE INDEX ix_updates_cycle ON updates (cycle_id, id);
CREATE INDEX ix_updates_commitment ON updates (commitment_id, id);
CREATE INDEX ix_updates_updated ON updates (updated_at, id);

CREATE TABLE update_revisions (
    update_id             TEXT NOT NULL REFERENCES updates (id),
    number                INTEGER NOT NULL,
    action                TEXT NOT NULL,
    state                 TEXT NOT NULL,
    status                TEXT NOT NULL,
    assessed_status       TEXT NULL,
    summary               TEXT NOT NULL,
    details               TEXT NULL,
    main_message          TEXT NULL,
    evidence              TEXT NOT NULL,
    confidentiality       TEXT NOT NULL,
    planned_completion    TEXT NULL,
    comment               TEXT NULL,
    actor_key_id          TEXT NULL,
    actor_role            TEXT NOT NULL,
    actor_participant_id  TEXT NULL,
    recorded_at           TEXT NOT NULL,
    PRIMARY KEY (update_id, number)
);
CREATE INDEX ix_update_revisions_recorded ON update_revisions (recorded_at);

CREATE TABLE idempotency_records (
    api_key_id       TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    status_code      INTEGER NOT NULL,
    resource_id      TEXT NOT NULL,
    response_body    TEXT NOT NULL,
    etag             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);

CREATE TABLE audit_log (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    api_key_id      TEXT NULL,
    role            TEXT NULL,
    participant_id  TEXT NULL,
    action          TEXT NOT NULL,
    target_type     TEXT NOT NULL,
    target_id       TEXT NOT NULL,
    before_json     TEXT NULL,
    after_json      TEXT NULL,
    trace_id        TEXT NULL
);
CREATE INDEX ix_audit_target ON audit_log (target_type, target_id, seq);

CREATE TABLE briefing_packs (
    id                  TEXT NOT NULL PRIMARY KEY,
    cycle_id            TEXT NOT NULL REFERENCES cycles (id),
    as_of               TEXT NOT NULL,
    audience            TEXT NOT NULL,
    content_hash        TEXT NOT NULL,
    content             TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    created_by_key_id   TEXT NULL
);
CREATE INDEX ix_briefing_packs_cycle ON briefing_packs (cycle_id, as_of);

CREATE TABLE obligation_exemptions (
    cycle_id        TEXT NOT NULL REFERENCES cycles (id),
    participant_id  TEXT NOT NULL REFERENCES participants (id),
    commitment_id   TEXT NOT NULL REFERENCES commitments (id),
    reason          TEXT NOT NULL,
    PRIMARY KEY (cycle_id, participant_id, commitment_id)
);

CREATE TABLE seed_runs (
    name        TEXT NOT NULL PRIMARY KEY,
    applied_at  TEXT NOT NULL
);

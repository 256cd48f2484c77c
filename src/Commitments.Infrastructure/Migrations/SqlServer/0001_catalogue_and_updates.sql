-- Timestamps are UTC DATETIME2. Calendar dates are 'yyyy-MM-dd' text, as on SQLite, so both providers agree.
-- UUIDs are text with a binary collation: they sort in creation order (v7), as they do on SQLite.
-- Every text column is NVARCHAR because Dapper sends strings as NVARCHAR: a VARCHAR key would be converted on every
-- lookup and its index scanned instead of sought.
CREATE TABLE instruments (
    code         NVARCHAR(16) NOT NULL PRIMARY KEY,
    title        NVARCHAR(300) NOT NULL,
    adopted_on   NVARCHAR(10) NOT NULL,
    description  NVARCHAR(2000) NULL
);

CREATE TABLE participants (
    id               NVARCHAR(64) NOT NULL PRIMARY KEY,
    name             NVARCHAR(200) NOT NULL,
    kind             NVARCHAR(32) NOT NULL,
    parent_id        NVARCHAR(64) NULL REFERENCES participants (id),
    home_government  NVARCHAR(64) NULL,
    created_at       DATETIME2(7) NOT NULL,
    updated_at       DATETIME2(7) NOT NULL
);

CREATE TABLE participant_aliases (
    participant_id NVARCHAR(64) NOT NULL REFERENCES participants (id),
    alias          NVARCHAR(200) NOT NULL,
    PRIMARY KEY (participant_id, alias)
);

CREATE TABLE endorsements (
    participant_id   NVARCHAR(64) NOT NULL REFERENCES participants (id),
    instrument_code  NVARCHAR(16) NOT NULL REFERENCES instruments (code),
    endorsed_on      NVARCHAR(10) NULL,
    basis            NVARCHAR(16) NOT NULL,
    PRIMARY KEY (participant_id, instrument_code)
);

CREATE TABLE commitments (
    id               NVARCHAR(32) NOT NULL PRIMARY KEY,
    instrument_code  NVARCHAR(16) NOT NULL REFERENCES instruments (code),
    paragraph_ref    NVARCHAR(64) NOT NULL,
    position         INT NOT NULL,
    applies_to       NVARCHAR(16) NOT NULL,
    title            NVARCHAR(500) NOT NULL,
    created_at       DATETIME2(7) NOT NULL,
    updated_at       DATETIME2(7) NOT NULL
);
CREATE INDEX ix_commitments_instrument ON commitments (instrument_code, id);

CREATE TABLE cycles (
    id           NVARCHAR(64) NOT NULL PRIMARY KEY,
    title        NVARCHAR(200) NOT NULL,
    opens_at     DATETIME2(7) NOT NULL,
    due_at       DATETIME2(7) NOT NULL,
    grace_until  DATETIME2(7) NOT NULL,
    state        NVARCHAR(16) NOT NULL,
    session_on   NVARCHAR(10) NULL,
    created_at   DATETIME2(7) NOT NULL,
    updated_at   DATETIME2(7) NOT NULL
);

CREATE TABLE cycle_instruments (
    cycle_id         NVARCHAR(64) NOT NULL REFERENCES cycles (id),
    instrument_code  NVARCHAR(16) NOT NULL REFERENCES instruments (code),
    PRIMARY KEY (cycle_id, instrument_code)
);

CREATE TABLE api_keys (
    id              NVARCHAR(36) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,
    prefix          NVARCHAR(16) NOT NULL,
    secret_hash     NVARCHAR(64) NOT NULL,
    role            NVARCHAR(16) NOT NULL,
    participant_id  NVARCHAR(64) NULL REFERENCES participants (id),
    label           NVARCHAR(200) NOT NULL,
    created_at      DATETIME2(7) NOT NULL,
    expires_at      DATETIME2(7) NULL,
    revoked_at      DATETIME2(7) NULL
);
CREATE INDEX ix_api_keys_prefix ON api_keys (prefix);

CREATE TABLE updates (
    id                  NVARCHAR(36) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,
    participant_id      NVARCHAR(64) NOT NULL REFERENCES participants (id),
    commitment_id       NVARCHAR(32) NOT NULL REFERENCES commitments (id),
    cycle_id            NVARCHAR(64) NOT NULL REFERENCES cycles (id),
    state               NVARCHAR(16) NOT NULL,
    status              NVARCHAR(32) NOT NULL,
    assessed_status     NVARCHAR(32) NULL,
    confidentiality     NVARCHAR(16) NOT NULL,
    revision            INT NOT NULL,
    first_submitted_at  DATETIME2(7) NULL,
    created_at          DATETIME2(7) NOT NULL,
    updated_at          DATETIME2(7) NOT NULL,
    CONSTRAINT uq_updates_obligation UNIQUE (participant_id, commitment_id, cycle_id)
);
CREATE INDEX ix_updates_cycle ON updates (cycle_id, id);
CREATE INDEX ix_updates_commitment ON updates (commitment_id, id);
CREATE INDEX ix_updates_updated ON updates (updated_at, id);

CREATE TABLE update_revisions (
    update_id             NVARCHAR(36) COLLATE Latin1_General_BIN2 NOT NULL REFERENCES updates (id),
    number                INT NOT NULL,
    action                NVARCHAR(16) NOT NULL,
    state                 NVARCHAR(16) NOT NULL,
    status                NVARCHAR(32) NOT NULL,
    assessed_status       NVARCHAR(32) NULL,
    summary               NVARCHAR(4000) NOT NULL,
    details               NVARCHAR(MAX) NULL,
    main_message          NVARCHAR(500) NULL,
    evidence              NVARCHAR(MAX) NOT NULL,
    confidentiality       NVARCHAR(16) NOT NULL,
    planned_completion    NVARCHAR(10) NULL,
    comment               NVARCHAR(4000) NULL,
    actor_key_id          NVARCHAR(36) NULL,
    actor_role            NVARCHAR(16) NOT NULL,
    actor_participant_id  NVARCHAR(64) NULL,
    recorded_at           DATETIME2(7) NOT NULL,
    PRIMARY KEY (update_id, number)
);
CREATE INDEX ix_update_revisions_recorded ON update_revisions (recorded_at);

CREATE TABLE idempotency_records (
    api_key_id       NVARCHAR(36) NOT NULL,
    idempotency_key  NVARCHAR(200) NOT NULL,
    request_hash     NVARCHAR(64) NOT NULL,
    status_code      INT NOT NULL,
    resource_id      NVARCHAR(64) NOT NULL,
    response_body    NVARCHAR(MAX) NOT NULL,
    etag             NVARCHAR(64) NOT NULL,
    created_at       DATETIME2(7) NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);

CREATE TABLE audit_log (
    seq             BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    at              DATETIME2(7) NOT NULL,
    api_key_id      NVARCHAR(36) NULL,
    role            NVARCHAR(16) NULL,
    participant_id  NVARCHAR(64) NULL,
    action          NVARCHAR(64) NOT NULL,
    target_type     NVARCHAR(32) NOT NULL,
    target_id       NVARCHAR(64) NOT NULL,
    before_json     NVARCHAR(MAX) NULL,
    after_json      NVARCHAR(MAX) NULL,
    trace_id        NVARCHAR(64) NULL
);
CREATE INDEX ix_audit_target ON audit_log (target_type, target_id, seq);

CREATE TABLE briefing_packs (
    id                  NVARCHAR(36) COLLATE Latin1_General_BIN2 NOT NULL PRIMARY KEY,
    cycle_id            NVARCHAR(64) NOT NULL REFERENCES cycles (id),
    as_of               DATETIME2(7) NOT NULL,
    audience            NVARCHAR(16) NOT NULL,
    content_hash        NVARCHAR(64) NOT NULL,
    content             NVARCHAR(MAX) NOT NULL,
    created_at          DATETIME2(7) NOT NULL,
    created_by_key_id   NVARCHAR(36) NULL
);
CREATE INDEX ix_briefing_packs_cycle ON briefing_packs (cycle_id, as_of);

CREATE TABLE obligation_exemptions (
    cycle_id        NVARCHAR(64) NOT NULL REFERENCES cycles (id),
    participant_id  NVARCHAR(64) NOT NULL REFERENCES participants (id),
    commitment_id   NVARCHAR(32) NOT NULL REFERENCES commitments (id),
    reason          NVARCHAR(500) NOT NULL,
    PRIMARY KEY (cycle_id, participant_id, commitment_id)
);

CREATE TABLE seed_runs (
    name        NVARCHAR(64) NOT NULL PRIMARY KEY,
    applied_at  DATETIME2(7) NOT NULL
);

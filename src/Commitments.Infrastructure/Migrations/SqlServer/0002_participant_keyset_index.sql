-- GET /v1/updates?participant= pages in id order: serve the filter and the keyset order from one index.
CREATE INDEX ix_updates_participant ON updates (participant_id, id);

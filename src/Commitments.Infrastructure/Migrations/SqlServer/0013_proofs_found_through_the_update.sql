-- An inclusion proof is asked for by the revision's update and hash (GET /v1/log/proofs/inclusion?update=&revision=): the
-- hash is found among that update's few revisions through the primary key. The log-wide index of revision hashes served
-- only that lookup, and as the hashes are random every write paid a random insert into it.
DROP INDEX IF EXISTS ix_update_revisions_hash ON update_revisions;

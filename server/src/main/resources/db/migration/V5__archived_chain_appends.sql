-- Follow-up steps appended to a record's chain after Redis let its session go (issue 16). The archived row's
-- chain_length and final_hash are the chain's head: an append locks that row (SELECT ... FOR UPDATE), so appends by
-- several nodes at once are made one after the other on the head each finds, and the chain never forks. Each entry
-- appended here is kept, with the ref that makes a retry apply once; both archived copies are rewritten with it in
-- the same transaction (what is served is always the whole chain).
CREATE TABLE archived_chain_appends (
  session_id   TEXT NOT NULL REFERENCES archived_records (session_id) ON DELETE CASCADE,
  n            BIGINT NOT NULL CHECK (n > 1),
  entry        TEXT NOT NULL,
  hash         TEXT NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  ref          TEXT NOT NULL,
  appended_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, n),
  UNIQUE (session_id, ref)
);

-- Which archived question a follow-up code names (/f/{code} once Redis let the session go): filled when a record is
-- archived, from its questions' codes. A code is unique in the installation.
CREATE TABLE follow_codes (
  code         TEXT PRIMARY KEY CHECK (code ~ '^[A-HJKMNP-Z2-9]{2}-[A-HJKMNP-Z2-9]{4}$'),
  session_id   TEXT NOT NULL REFERENCES archived_records (session_id) ON DELETE CASCADE,
  question_id  TEXT NOT NULL
);

-- The archive of published records (issue 15): publishing a record stores it here, so its public page, JSON and CSV
-- outlive the live session in Redis (the retention sweep archives a published record's final state before it
-- deletes the session). Each copy is kept exactly as it was served, gzip-compressed: the record JSON with its whole
-- chain (what VerifyRecord checks) and the CSV. V1's archived_records was never written; it is replaced.
DROP TABLE archived_records;

-- the public copy: served to anyone while the record is published (withdrawn_at null)
CREATE TABLE archived_records (
  session_id         TEXT PRIMARY KEY,
  organization_id    BIGINT REFERENCES organizations (id),
  chain_length       BIGINT NOT NULL CHECK (chain_length >= 0),
  final_hash         TEXT,
  votes_final        BOOLEAN NOT NULL,
  record_json_gz     BYTEA NOT NULL,
  record_csv_gz      BYTEA NOT NULL,
  published_at       TIMESTAMPTZ NOT NULL,
  archived_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  withdrawn_at       TIMESTAMPTZ,
  withdrawal_reason  TEXT
);
CREATE INDEX archived_records_organization ON archived_records (organization_id);

-- the full copy (every sealed value revealed: withheld texts, private reasons), kept apart: only the organizer's
-- credentials read it
CREATE TABLE archived_full_records (
  session_id      TEXT PRIMARY KEY REFERENCES archived_records (session_id) ON DELETE CASCADE,
  record_json_gz  BYTEA NOT NULL,
  record_csv_gz   BYTEA NOT NULL
);

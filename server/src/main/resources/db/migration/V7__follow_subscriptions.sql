-- Askers who asked to be told of their question's follow-up by email (issue 16). The address lives here only: never
-- in Redis, the record or the logs. A row waits for its confirmation link (confirm_hash: the SHA-256 of the link's
-- token; null once confirmed); unconfirmed rows are swept after a while, and every row of a question is deleted when
-- its follow-up ends (a written answer, or out of remit). One row per question and address.
CREATE TABLE follow_subscriptions (
  id            BIGSERIAL PRIMARY KEY,
  session_id    TEXT NOT NULL,
  question_id   TEXT NOT NULL,
  code          TEXT NOT NULL,
  email         TEXT NOT NULL CHECK (length(email) <= 254),
  language      TEXT NOT NULL CHECK (language IN ('vi', 'en')),
  confirm_hash  TEXT UNIQUE CHECK (confirm_hash ~ '^[0-9a-f]{64}$'),
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  confirmed_at  TIMESTAMPTZ,
  UNIQUE (session_id, question_id, email)
);
CREATE INDEX follow_subscriptions_unconfirmed ON follow_subscriptions (created_at) WHERE confirmed_at IS NULL;

-- Each message of a step to a subscriber is claimed here before it is sent: the first node to insert the row sends,
-- every other one (a retry, another node) finds it and does not, so a step is told once per address.
CREATE TABLE follow_notices (
  subscription_id  BIGINT NOT NULL REFERENCES follow_subscriptions (id) ON DELETE CASCADE,
  step_key         TEXT NOT NULL,
  claimed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (subscription_id, step_key)
);

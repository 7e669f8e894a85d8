-- The agency's inbox (issue 16 item 2). The chain (in Redis, then in the archive) is what counts; these tables are
-- the desk's working copy: a projection of the open referred questions, the responders' private drafts, the
-- organizations' publishing setting and the reminders already sent.

-- One row per question that stands referred to an agency and has no written answer published since: written when a
-- referral or an answer is chained (FollowUps), rebuildable from the record (InboxRebuild folds each question's
-- followUp[]: the latest referred/referredUp sets agency and due, a later answered clears it).
CREATE TABLE agency_inbox (
  session_id     TEXT NOT NULL,
  question_id    TEXT NOT NULL,
  agency_slug    TEXT NOT NULL,
  due            DATE NOT NULL,
  referred_at    BIGINT NOT NULL,
  question_text  TEXT NOT NULL DEFAULT '',
  follow_code    TEXT,
  PRIMARY KEY (session_id, question_id)
);
CREATE INDEX agency_inbox_agency_due ON agency_inbox (agency_slug, due);
CREATE INDEX agency_inbox_due ON agency_inbox (due);

-- A responder's written answer before it is published: private to the agency's people, never in a record.
CREATE TABLE answer_drafts (
  session_id   TEXT NOT NULL,
  question_id  TEXT NOT NULL,
  agency_slug  TEXT NOT NULL,
  text         TEXT NOT NULL,
  updated_by   BIGINT,
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (session_id, question_id)
);

-- Whether the responders of an organization's agencies publish their answers themselves (default: an organizer does).
CREATE TABLE answer_settings (
  organization_id    BIGINT PRIMARY KEY REFERENCES organizations (id),
  responders_publish BOOLEAN NOT NULL DEFAULT false
);

-- A reminder is sent by whichever node inserts its row first: at most one per item, day and kind on any number of
-- nodes (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE inbox_reminders (
  session_id   TEXT NOT NULL,
  question_id  TEXT NOT NULL,
  day          DATE NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('due', 'overdue')),
  claimed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, question_id, day, kind)
);

-- A file carried by an answer (PDF, PNG, JPEG, WebP; type read from its bytes, size-limited by inbox.attachmentMaxBytes).
-- In PostgreSQL rather than under a node's data folder: every node serves it, and it goes with the draft. Served at
-- a public URL only once published_at is set (the answer was published); before that only to the agency's people.
CREATE TABLE answer_attachments (
  id            BIGSERIAL PRIMARY KEY,
  session_id    TEXT NOT NULL,
  question_id   TEXT NOT NULL,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  content_type  TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
  size          INTEGER NOT NULL CHECK (size > 0),
  sha256        TEXT NOT NULL,
  bytes         BYTEA NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  published_at  TIMESTAMPTZ
);
CREATE INDEX answer_attachments_question ON answer_attachments (session_id, question_id);

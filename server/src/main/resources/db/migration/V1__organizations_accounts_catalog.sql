-- What outlives a live session (issue 15). Redis keeps the live session; these tables keep the organizations,
-- the people and their roles, the catalog of sessions, published records and the audit log.

CREATE TABLE organizations (
  id          BIGSERIAL PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind        TEXT NOT NULL CHECK (kind IN ('city', 'district', 'ward', 'agency')),
  parent_id   BIGINT REFERENCES organizations (id),
  language    TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
  time_zone   TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- exactly one root: the organization created at first start
CREATE UNIQUE INDEX organizations_one_root ON organizations ((parent_id IS NULL)) WHERE parent_id IS NULL;
CREATE INDEX organizations_parent ON organizations (parent_id);

-- private: an email is never part of a public answer
CREATE TABLE accounts (
  id             BIGSERIAL PRIMARY KEY,
  email          TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash  TEXT NOT NULL,
  display_name   TEXT NOT NULL DEFAULT '',
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE role_grants (
  account_id       BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id),
  role             TEXT NOT NULL CHECK (role IN ('administrator', 'organizer', 'moderator', 'clerk', 'responder')),
  granted_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, organization_id, role)
);
CREATE INDEX role_grants_organization ON role_grants (organization_id);

-- a signed-in browser: the SHA-256 of its cookie's token, never the token itself
CREATE TABLE sign_ins (
  token_hash  BYTEA PRIMARY KEY,
  account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token  TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_ins_account ON sign_ins (account_id);

-- one-time links: the first administrator's setup link, invitations, password resets (SHA-256 of the token)
CREATE TABLE link_grants (
  token_hash       BYTEA PRIMARY KEY,
  purpose          TEXT NOT NULL CHECK (purpose IN ('setup', 'invite', 'reset')),
  email            TEXT,
  organization_id  BIGINT REFERENCES organizations (id),
  role             TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at       TIMESTAMPTZ NOT NULL,
  used_at          TIMESTAMPTZ
);

CREATE TABLE series (
  id               BIGSERIAL PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id),
  slug             TEXT NOT NULL CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  title            TEXT NOT NULL,
  UNIQUE (organization_id, slug)
);

-- the catalog: a live session's id in Redis, with what residents need to know before and after it
CREATE TABLE catalog_sessions (
  session_id           TEXT PRIMARY KEY,
  organization_id      BIGINT NOT NULL REFERENCES organizations (id),
  title                TEXT NOT NULL,
  place                TEXT NOT NULL DEFAULT '',
  agenda               TEXT NOT NULL DEFAULT '',
  series_id            BIGINT REFERENCES series (id),
  scheduled_start      TIMESTAMPTZ,
  scheduled_end        TIMESTAMPTZ,
  questions_open_from  TIMESTAMPTZ,
  published_at         TIMESTAMPTZ,
  created_by           TEXT NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (scheduled_end IS NULL OR scheduled_start IS NULL OR scheduled_end > scheduled_start)
);
CREATE INDEX catalog_sessions_organization ON catalog_sessions (organization_id, scheduled_start);

-- published records, kept after Redis lets the session go
CREATE TABLE archived_records (
  session_id    TEXT PRIMARY KEY,
  record        JSONB NOT NULL,
  archived_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- who did what: account id or 'admin-token', never an email
CREATE TABLE audit_log (
  id               BIGSERIAL PRIMARY KEY,
  at               TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor            TEXT NOT NULL,
  organization_id  BIGINT REFERENCES organizations (id),
  action           TEXT NOT NULL,
  subject          TEXT NOT NULL DEFAULT '',
  details          JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_organization ON audit_log (organization_id, at);

-- The sites that may put the resident widget (/embed/<code>) of every session of an organization in an iframe
-- (issue 18): origins such as "https://phuong1.example.vn", checked and normalised by the server
-- (domain.StreamSettings). A session's widget allows its own origins plus its organization's (frame-ancestors).
-- No row: none.
CREATE TABLE org_embed_origins (
  organization_id BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  origins         JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(origins) = 'array'),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Topics (fields: đất đai, giao thông, …) and areas (khu phố, tổ dân phố) of an organization (issue 17): what its
-- sessions' questions are classified by. topics NULL: the default Vietnamese list (DefaultTopics), until the
-- organization changes it; each topic {"key", "nameVi", "nameEn", "keywords": [...]}, each area {"key", "name"}.
CREATE TABLE org_classifications (
  organization_id BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  topics          JSONB CHECK (topics IS NULL OR jsonb_typeof(topics) = 'array'),
  areas           JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(areas) = 'array'),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

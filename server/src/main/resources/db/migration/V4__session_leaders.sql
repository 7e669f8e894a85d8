-- The people who will answer at a session (issue 15): a list of {"name", "title"}, shown on the public pages.
ALTER TABLE catalog_sessions ADD COLUMN leaders JSONB NOT NULL DEFAULT '[]'
  CHECK (jsonb_typeof(leaders) = 'array');
CREATE INDEX catalog_sessions_series ON catalog_sessions (series_id) WHERE series_id IS NOT NULL;

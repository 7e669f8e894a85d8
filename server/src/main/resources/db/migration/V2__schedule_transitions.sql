-- When the scheduler opened and closed each session: a node claims a transition by setting its column in one
-- UPDATE, so whatever the number of nodes each session opens and closes by itself exactly once.
ALTER TABLE catalog_sessions ADD COLUMN opened_at TIMESTAMPTZ;
ALTER TABLE catalog_sessions ADD COLUMN closed_at TIMESTAMPTZ;
-- sessions catalogued before this migration were opened when they were created
UPDATE catalog_sessions SET opened_at = created_at;
CREATE INDEX catalog_sessions_due ON catalog_sessions (scheduled_end) WHERE closed_at IS NULL;

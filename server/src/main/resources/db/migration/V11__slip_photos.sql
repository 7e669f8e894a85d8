-- The photo of a paper slip a clerk attached to a question entered on someone's behalf (issue 17). Kept here, not
-- under a node's data folder, so every node serves it. Only the re-encoded JPEG is kept (no EXIF, GPS or comment:
-- the upload itself is never stored), named by the SHA-256 of its bytes; nothing of the person (their name and area
-- stay in the live session and its record). A question has one current photo: a new upload replaces it while the
-- session is live (the older unpublished rows are deleted). published_at is set once a moderator published it (the
-- record chain commits to its SHA-256); only then is it served at a public URL. Unpublished rows are deleted when the
-- session's record is published or the session is deleted.
CREATE TABLE slip_photos (
  session_id    TEXT NOT NULL,
  question_id   TEXT NOT NULL,
  sha256        TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  width         INTEGER NOT NULL CHECK (width > 0),
  height        INTEGER NOT NULL CHECK (height > 0),
  bytes         BYTEA NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  published_at  TIMESTAMPTZ,
  PRIMARY KEY (session_id, question_id, sha256)
);
CREATE INDEX slip_photos_published ON slip_photos (sha256) WHERE published_at IS NOT NULL;

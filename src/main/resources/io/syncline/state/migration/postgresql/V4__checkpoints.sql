-- Restore points and what each apply changed; see the SQLite migration of the same version.
CREATE TABLE syncline_checkpoint (
  name        TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  log_id      BIGINT NOT NULL
);
ALTER TABLE syncline_log ADD COLUMN run_id TEXT;
CREATE TABLE syncline_undo (
  run_id      TEXT NOT NULL,
  part        INTEGER NOT NULL,
  entity      TEXT NOT NULL,
  definition  TEXT,
  images      BYTEA NOT NULL,
  PRIMARY KEY (run_id, part)
);

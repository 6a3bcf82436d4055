-- Restore points: a name and the last syncline_log id when it was taken (0 before any apply).
-- Everything logged after that id is what `rollback NAME` undoes.
CREATE TABLE syncline_checkpoint (
  name        TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  log_id      INTEGER NOT NULL
);
-- Each apply's own id, also written to .syncline/apply-intent before the apply begins: a leftover
-- intent whose id is here was committed.
ALTER TABLE syncline_log ADD COLUMN run_id TEXT;
-- What each apply changed, to undo it: for each entity, the rows' and bases' texts before and
-- after, deflated, up to a thousand records to a part, with the entity's mapping as YAML; the
-- files (entity empty) with their backups and SHA-256 before and after.
CREATE TABLE syncline_undo (
  run_id      TEXT NOT NULL,
  part        INTEGER NOT NULL,
  entity      TEXT NOT NULL,
  definition  TEXT,
  images      BLOB NOT NULL,
  PRIMARY KEY (run_id, part)
);

-- Restore points and what each apply changed; see the SQLite migration of the same version.
CREATE TABLE syncline_checkpoint (
  name        VARCHAR(200) PRIMARY KEY,
  created_at  VARCHAR(40) NOT NULL,
  log_id      BIGINT NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
ALTER TABLE syncline_log ADD COLUMN run_id VARCHAR(64);
CREATE TABLE syncline_undo (
  run_id      VARCHAR(64) NOT NULL,
  part        INT NOT NULL,
  entity      VARCHAR(200) NOT NULL,
  definition  LONGTEXT,
  images      LONGBLOB NOT NULL,
  PRIMARY KEY (run_id, part)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

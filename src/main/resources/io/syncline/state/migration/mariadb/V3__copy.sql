-- One row per table per copy: from where (URL with its password masked), how many rows, and
-- whether the target's checksum matched the source's. Times are ISO-8601 UTC.
CREATE TABLE syncline_copy (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  started_at       VARCHAR(40) NOT NULL,
  finished_at      VARCHAR(40) NOT NULL,
  os_user          VARCHAR(255),
  host             VARCHAR(255),
  source           TEXT NOT NULL,
  table_name       TEXT NOT NULL,
  source_rows      BIGINT NOT NULL,
  copied_rows      BIGINT NOT NULL,
  failed_rows      BIGINT NOT NULL,
  target_rows      BIGINT NOT NULL,
  source_checksum  TEXT NOT NULL,
  target_checksum  TEXT NOT NULL,
  outcome          TEXT NOT NULL
) DEFAULT CHARSET = utf8mb4;

-- One row per apply: who, when, against what, how much, and how it ended. Times are ISO-8601 UTC.
CREATE TABLE syncline_log (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  started_at     VARCHAR(40) NOT NULL,
  finished_at    VARCHAR(40) NOT NULL,
  os_user        VARCHAR(255),
  host           VARCHAR(255),
  connection     TEXT NOT NULL,
  entities       TEXT NOT NULL,
  db_inserted    BIGINT NOT NULL,
  db_updated     BIGINT NOT NULL,
  db_deleted     BIGINT NOT NULL,
  file_inserted  BIGINT NOT NULL,
  file_updated   BIGINT NOT NULL,
  file_deleted   BIGINT NOT NULL,
  outcome        TEXT NOT NULL
) DEFAULT CHARSET = utf8mb4;

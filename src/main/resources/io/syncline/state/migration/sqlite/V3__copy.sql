-- One row per table per copy: from where (URL with its password masked), how many rows, and
-- whether the target's checksum matched the source's. Times are ISO-8601 UTC.
CREATE TABLE syncline_copy (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at       TEXT NOT NULL,
  finished_at      TEXT NOT NULL,
  os_user          TEXT,
  host             TEXT,
  source           TEXT NOT NULL,
  table_name       TEXT NOT NULL,
  source_rows      INTEGER NOT NULL,
  copied_rows      INTEGER NOT NULL,
  failed_rows      INTEGER NOT NULL,
  target_rows      INTEGER NOT NULL,
  source_checksum  TEXT NOT NULL,
  target_checksum  TEXT NOT NULL,
  outcome          TEXT NOT NULL
);

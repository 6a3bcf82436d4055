-- One row per apply: who, when, against what, how much, and how it ended. Times are ISO-8601 UTC.
CREATE TABLE syncline_log (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at     TEXT NOT NULL,
  finished_at    TEXT NOT NULL,
  os_user        TEXT,
  host           TEXT,
  connection     TEXT NOT NULL,
  entities       TEXT NOT NULL,
  db_inserted    INTEGER NOT NULL,
  db_updated     INTEGER NOT NULL,
  db_deleted     INTEGER NOT NULL,
  file_inserted  INTEGER NOT NULL,
  file_updated   INTEGER NOT NULL,
  file_deleted   INTEGER NOT NULL,
  outcome        TEXT NOT NULL
);

-- What Syncline did to the user's own schema; see the SQLite migration of the same version.
CREATE TABLE syncline_migration (
  version     TEXT NOT NULL,
  step        INTEGER NOT NULL,
  statement   TEXT,
  at          TEXT NOT NULL,
  PRIMARY KEY (version, step)
);

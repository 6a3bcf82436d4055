-- What Syncline did to the user's own schema (the migrations of `migrate`), beside the user's
-- Flyway history: step 0 of a version is `migrate up` applying it, at Syncline's clock, which
-- `rollback NAME` compares with a checkpoint's time; steps 1, 2, ... are the statements of its
-- rollback script that ran where DDL commits by itself, so `migrate down` goes on after them.
CREATE TABLE syncline_migration (
  version     TEXT NOT NULL,
  step        INTEGER NOT NULL,
  statement   TEXT,
  at          TEXT NOT NULL,
  PRIMARY KEY (version, step)
);

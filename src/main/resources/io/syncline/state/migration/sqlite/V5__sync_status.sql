-- What the last load of each entity saw (or the apply after it): when, the counts, and when the
-- entity's base was last written by an apply. Times are ISO-8601 UTC.
CREATE TABLE syncline_sync (
  entity               TEXT PRIMARY KEY,
  seen_at              TEXT NOT NULL,
  applied_at           TEXT,
  records              INTEGER NOT NULL,
  in_sync              INTEGER NOT NULL,
  changed_in_file      INTEGER NOT NULL,
  changed_in_database  INTEGER NOT NULL,
  changed_on_both      INTEGER NOT NULL,
  conflicts            INTEGER NOT NULL,
  listed               INTEGER NOT NULL
);
-- The records that were not in sync, each with how (file, database, both, conflict) and the
-- checksum of its base (NULL: none, a record new on one side). A record in sync has no row.
CREATE TABLE syncline_sync_record (
  entity           TEXT NOT NULL,
  record_key       TEXT NOT NULL,
  state            TEXT NOT NULL,
  agreed_checksum  TEXT,
  PRIMARY KEY (entity, record_key)
);
-- One row per record not in sync, with its entity's times: what users query.
CREATE VIEW syncline_sync_status AS
  SELECT r.entity, r.record_key, r.agreed_checksum, s.applied_at AS agreed_at, r.state, s.seen_at
  FROM syncline_sync_record r JOIN syncline_sync s ON s.entity = r.entity;

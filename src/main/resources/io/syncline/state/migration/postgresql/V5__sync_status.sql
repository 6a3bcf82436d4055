-- What the last load saw; see the SQLite migration of the same version.
CREATE TABLE syncline_sync (
  entity               TEXT PRIMARY KEY,
  seen_at              TEXT NOT NULL,
  applied_at           TEXT,
  records              BIGINT NOT NULL,
  in_sync              BIGINT NOT NULL,
  changed_in_file      BIGINT NOT NULL,
  changed_in_database  BIGINT NOT NULL,
  changed_on_both      BIGINT NOT NULL,
  conflicts            BIGINT NOT NULL,
  listed               INTEGER NOT NULL
);
CREATE TABLE syncline_sync_record (
  entity           TEXT NOT NULL,
  record_key       TEXT NOT NULL,
  state            TEXT NOT NULL,
  agreed_checksum  TEXT,
  PRIMARY KEY (entity, record_key)
);
CREATE VIEW syncline_sync_status AS
  SELECT r.entity, r.record_key, r.agreed_checksum, s.applied_at AS agreed_at, r.state, s.seen_at
  FROM syncline_sync_record r JOIN syncline_sync s ON s.entity = r.entity;

-- Bases written in bulk; see the SQLite migration of the same version for the format.
CREATE TABLE syncline_base_pack (
  entity       TEXT NOT NULL,
  pack_no      INTEGER NOT NULL,
  record_count INTEGER NOT NULL,
  records      BYTEA NOT NULL,
  PRIMARY KEY (entity, pack_no)
);

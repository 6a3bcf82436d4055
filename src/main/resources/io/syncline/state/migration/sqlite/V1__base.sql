-- The agreed state of every record after the last sync: its canonical text and a checksum.
-- WITHOUT ROWID: rows live in the primary-key tree, so a million-row base is written once, not
-- into a table and again into its key index.
CREATE TABLE syncline_base (
  entity     TEXT NOT NULL,
  record_key TEXT NOT NULL,
  canonical  TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  PRIMARY KEY (entity, record_key)
) WITHOUT ROWID;

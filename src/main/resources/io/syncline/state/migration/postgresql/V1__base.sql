-- The agreed state of every record after the last sync: its canonical text and a checksum.
CREATE TABLE syncline_base (
  entity     TEXT NOT NULL,
  record_key TEXT NOT NULL,
  canonical  TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  PRIMARY KEY (entity, record_key)
);

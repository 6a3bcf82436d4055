-- The agreed state of every record after the last sync: its canonical text and a checksum.
-- Key lengths: an InnoDB index holds at most 3072 bytes, 4 per character in utf8mb4.
CREATE TABLE syncline_base (
  entity     VARCHAR(200) NOT NULL,
  record_key VARCHAR(500) NOT NULL,
  canonical  LONGTEXT NOT NULL,
  checksum   VARCHAR(64) NOT NULL,
  PRIMARY KEY (entity, record_key)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

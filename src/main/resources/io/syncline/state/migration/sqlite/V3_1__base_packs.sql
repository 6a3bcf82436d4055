-- Bases written in bulk: the agreed records of one entity, up to a thousand to a row, packed as
-- length-prefixed UTF-8 key and canonical text with a CRC32C of the whole pack. A row of
-- syncline_base for the same key overrides the packed record; an empty canonical text there means
-- the record is gone. A million bases are a thousand rows here instead of a million rows there.
CREATE TABLE syncline_base_pack (
  entity       TEXT NOT NULL,
  pack_no      INTEGER NOT NULL,
  record_count INTEGER NOT NULL,
  records      BLOB NOT NULL,
  PRIMARY KEY (entity, pack_no)
);

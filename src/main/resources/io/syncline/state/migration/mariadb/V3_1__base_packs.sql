-- Bases written in bulk; see the SQLite migration of the same version for the format.
CREATE TABLE syncline_base_pack (
  entity       VARCHAR(200) NOT NULL,
  pack_no      INT NOT NULL,
  record_count INT NOT NULL,
  records      LONGBLOB NOT NULL,
  PRIMARY KEY (entity, pack_no)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

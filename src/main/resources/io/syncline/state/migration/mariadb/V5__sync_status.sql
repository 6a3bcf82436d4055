-- What the last load saw; see the SQLite migration of the same version.
CREATE TABLE syncline_sync (
  entity               VARCHAR(200) PRIMARY KEY,
  seen_at              VARCHAR(40) NOT NULL,
  applied_at           VARCHAR(40),
  records              BIGINT NOT NULL,
  in_sync              BIGINT NOT NULL,
  changed_in_file      BIGINT NOT NULL,
  changed_in_database  BIGINT NOT NULL,
  changed_on_both      BIGINT NOT NULL,
  conflicts            BIGINT NOT NULL,
  listed               INT NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE TABLE syncline_sync_record (
  entity           VARCHAR(200) NOT NULL,
  record_key       VARCHAR(500) NOT NULL,
  state            VARCHAR(20) NOT NULL,
  agreed_checksum  VARCHAR(64),
  PRIMARY KEY (entity, record_key)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE VIEW syncline_sync_status AS
  SELECT r.entity, r.record_key, r.agreed_checksum, s.applied_at AS agreed_at, r.state, s.seen_at
  FROM syncline_sync_record r JOIN syncline_sync s ON s.entity = r.entity;

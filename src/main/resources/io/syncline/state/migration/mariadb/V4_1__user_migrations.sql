-- What Syncline did to the user's own schema; see the SQLite migration of the same version.
CREATE TABLE syncline_migration (
  version     VARCHAR(100) NOT NULL,
  step        INT NOT NULL,
  statement   LONGTEXT,
  at          VARCHAR(40) NOT NULL,
  PRIMARY KEY (version, step)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The table each entity's base was agreed with; see the SQLite migration of the same version.
CREATE TABLE syncline_base_table (
  entity      VARCHAR(200) PRIMARY KEY,
  table_name  VARCHAR(500) NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

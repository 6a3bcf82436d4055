-- The table each entity's base was agreed with; see the SQLite migration of the same version.
CREATE TABLE syncline_base_table (
  entity      TEXT PRIMARY KEY,
  table_name  TEXT NOT NULL
);

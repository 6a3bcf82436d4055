-- The table each entity's base was agreed with, written in the transaction that writes the base.
-- A load that finds the entity mapped to another table sets the base aside (first contact) rather
-- than read every record as deleted from the new table; the next apply replaces the whole base. An
-- entity without a row here has a base from before this table, and it is trusted as it is.
CREATE TABLE syncline_base_table (
  entity      TEXT PRIMARY KEY,
  table_name  TEXT NOT NULL
);

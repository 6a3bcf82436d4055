-- What Syncline did to the user's own schema; see the SQLite migration of the same version.
CREATE TABLE "syncline_migration" (
  "version"     CHARACTER VARYING(100) NOT NULL,
  "step"        INTEGER NOT NULL,
  "statement"   CHARACTER LARGE OBJECT,
  "at"          CHARACTER VARYING(40) NOT NULL,
  PRIMARY KEY ("version", "step")
);

-- Restore points and what each apply changed; see the SQLite migration of the same version.
CREATE TABLE "syncline_checkpoint" (
  "name"        CHARACTER VARYING(200) PRIMARY KEY,
  "created_at"  CHARACTER VARYING(40) NOT NULL,
  "log_id"      BIGINT NOT NULL
);
ALTER TABLE "syncline_log" ADD COLUMN "run_id" CHARACTER VARYING(64);
CREATE TABLE "syncline_undo" (
  "run_id"      CHARACTER VARYING(64) NOT NULL,
  "part"        INTEGER NOT NULL,
  "entity"      CHARACTER VARYING NOT NULL,
  "definition"  CHARACTER LARGE OBJECT,
  "images"      BINARY LARGE OBJECT NOT NULL,
  PRIMARY KEY ("run_id", "part")
);

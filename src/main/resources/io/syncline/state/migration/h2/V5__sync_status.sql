-- What the last load saw; see the SQLite migration of the same version.
CREATE TABLE "syncline_sync" (
  "entity"               CHARACTER VARYING PRIMARY KEY,
  "seen_at"              CHARACTER VARYING(40) NOT NULL,
  "applied_at"           CHARACTER VARYING(40),
  "records"              BIGINT NOT NULL,
  "in_sync"              BIGINT NOT NULL,
  "changed_in_file"      BIGINT NOT NULL,
  "changed_in_database"  BIGINT NOT NULL,
  "changed_on_both"      BIGINT NOT NULL,
  "conflicts"            BIGINT NOT NULL,
  "listed"               INTEGER NOT NULL
);
CREATE TABLE "syncline_sync_record" (
  "entity"           CHARACTER VARYING NOT NULL,
  "record_key"       CHARACTER VARYING NOT NULL,
  "state"            CHARACTER VARYING(20) NOT NULL,
  "agreed_checksum"  CHARACTER VARYING(64),
  PRIMARY KEY ("entity", "record_key")
);
CREATE VIEW "syncline_sync_status" AS
  SELECT r."entity", r."record_key", r."agreed_checksum", s."applied_at" AS "agreed_at", r."state",
    s."seen_at"
  FROM "syncline_sync_record" r JOIN "syncline_sync" s ON s."entity" = r."entity";

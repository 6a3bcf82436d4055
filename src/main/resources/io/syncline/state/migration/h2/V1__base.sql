-- Names are quoted: H2 would otherwise keep them in upper case, and Syncline quotes them.
-- The agreed state of every record after the last sync: its canonical text and a checksum.
CREATE TABLE "syncline_base" (
  "entity"     CHARACTER VARYING NOT NULL,
  "record_key" CHARACTER VARYING NOT NULL,
  "canonical"  CHARACTER VARYING NOT NULL,
  "checksum"   CHARACTER VARYING(64) NOT NULL,
  PRIMARY KEY ("entity", "record_key")
);

package io.syncline.core;

/**
 * A record that reads as JSON but cannot be synced: no key, a duplicate key, a value of the wrong
 * type for its column. Names the file, the record and the field.
 */
public final class BadRecord extends SynclineException {
  public BadRecord(String origin, String entity, String key, String field, String reason) {
    super(
        (origin == null ? "" : origin + ": ")
            + entity
            + (key == null ? "" : "/" + key)
            + (field == null ? "" : "." + field)
            + ": "
            + reason
            + "; nothing was changed");
  }
}

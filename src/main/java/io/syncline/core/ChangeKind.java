package io.syncline.core;

import java.util.Locale;

/** What a change does to the side it is carried to. */
public enum ChangeKind {
  /** A whole record present on one side only is copied to the other. */
  INSERT,
  /** One field changed on one side takes the same value on the other. */
  UPDATE,
  /** A record removed on one side is removed from the other. */
  DELETE,
  /**
   * Both sides changed different members of one JSON object field, or different elements of one
   * JSON list: both take the merged value ({@link Change#merged()}), so neither side loses its
   * edit.
   */
  MERGE,
  /**
   * The database works out a calculated field ({@code enrich:}): both sides take the value worked
   * out ({@link Change#calculated()}); an edit of it in a file is not read, and is overwritten.
   */
  CALCULATE,
  /**
   * Both sides changed the same field to different values, or one side deleted a record the other
   * changed, or (with no base yet) the sides simply disagree. Waits for {@code resolve SELECTOR
   * --take file|db|base}; {@code apply} carries out everything else.
   */
  CONFLICT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

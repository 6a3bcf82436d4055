package io.syncline.core;

/** Which side a change is carried to. */
public enum Direction {
  /** The file changed; the database follows. */
  TO_DATABASE("to-db"),
  /** The database changed; the file follows. */
  TO_FILE("to-file");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

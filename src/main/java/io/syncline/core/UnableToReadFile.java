package io.syncline.core;

/** A file that cannot be read as records: not JSON or YAML, or not the expected shape. */
public final class UnableToReadFile extends SynclineException {
  private final String file;

  public UnableToReadFile(String file, long line, long column, String reason) {
    super(file + where(line, column) + ": " + reason + "; nothing was changed");
    this.file = file;
  }

  public String file() {
    return file;
  }

  private static String where(long line, long column) {
    if (line <= 0) {
      return "";
    }
    return column > 0 ? ":" + line + ":" + column : ":" + line;
  }
}

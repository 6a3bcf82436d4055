package io.syncline.core;

/** A file that cannot be read as records: not JSON or YAML, or not the expected shape. */
public final class UnableToReadFile extends SynclineException {
  private final String file;
  private final long line;
  private final long column;
  private final String reason;

  public UnableToReadFile(String file, long line, long column, String reason) {
    super(file + where(line, column) + ": " + escaped(reason) + "; nothing was changed");
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  /** 1-based; 0 when the refusal is about the file as a whole. */
  public long line() {
    return line;
  }

  /** 1-based; 0 when not known. */
  public long column() {
    return column;
  }

  public String reason() {
    return reason;
  }

  /** The reason on one line: a name read from the file may hold a line break or a NUL. */
  private static String escaped(String reason) {
    StringBuilder out = new StringBuilder(reason.length());
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String where(long line, long column) {
    if (line <= 0) {
      return "";
    }
    return column > 0 ? ":" + line + ":" + column : ":" + line;
  }
}

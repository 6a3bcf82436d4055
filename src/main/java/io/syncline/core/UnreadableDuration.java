package io.syncline.core;

/**
 * A duration text that names no duration, or names it more than one way. The message quotes the
 * text and, once {@link #at} placed it, the record and field: {@code epic/EP-4.duration: cannot
 * read a duration from "soon"}. A reason follows when there is one to give ({@code "2 or 3 weeks":
 * a range, not one duration}).
 */
public final class UnreadableDuration extends SynclineException {
  private static final int QUOTED = 80;

  private final String text;
  private final String reason;

  public UnreadableDuration(String text, String reason) {
    this(null, text, reason);
  }

  private UnreadableDuration(String where, String text, String reason) {
    super(message(where, text, reason));
    this.text = text;
    this.reason = reason;
  }

  /** The same failure, placed at a record's field: {@code at("epic/EP-4.duration")}. */
  public UnreadableDuration at(String where) {
    return new UnreadableDuration(where, text, reason);
  }

  /** The text as it was written. */
  public String text() {
    return text;
  }

  private static String message(String where, String text, String reason) {
    String quoted = text.length() > QUOTED ? text.substring(0, QUOTED) + "…" : text;
    return (where == null ? "" : where + ": ")
        + "cannot read a duration from \""
        + quoted
        + "\""
        + (reason == null ? "" : ": " + reason);
  }
}

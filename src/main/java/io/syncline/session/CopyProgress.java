package io.syncline.session;

/** Where a running copy reports how far it got; the shell draws it on a terminal only. */
public interface CopyProgress {
  CopyProgress NONE = new CopyProgress() {};

  /** A table starts. */
  default void table(String table) {}

  /** {@code rows} of the table are in the target so far. */
  default void rows(String table, long rows) {}

  /** The copy ended, well or not: clear what was drawn. */
  default void done() {}
}

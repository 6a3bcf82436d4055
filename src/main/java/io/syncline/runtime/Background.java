package io.syncline.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads for work done beside the command's own thread (reading the table while files are parsed,
 * reading rows ahead of the statements that write them). They are daemons: a background task whose
 * result is no longer wanted never keeps the process alive.
 */
public final class Background {
  private Background() {}

  /**
   * One daemon thread for an apply's bulk work beside the rows it sends (packing the base, making
   * the undo images), in the order it was asked for. One, not one per task: the thread sending rows
   * is the one the apply waits for, and on two cores more such threads beside the one reading rows
   * ahead take their time from it.
   */
  public static final ExecutorService BULK = threads("syncline-bulk", 1);

  /**
   * One daemon thread for an apply's files: their new bytes written beside them and forced while
   * the database takes the rows (see {@code FileWrite.stage}). Its own, not {@link #BULK}'s: the
   * undo images made there are asked for in the same transaction, before the files' turn.
   */
  public static final ExecutorService FILES = threads("syncline-files", 1);

  /** A pool of daemon threads named {@code name}, created as tasks need them. */
  public static ExecutorService threads(String name) {
    return Executors.newCachedThreadPool(
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** {@code size} daemon threads named {@code name}, taking tasks in the order they came. */
  public static ExecutorService threads(String name, int size) {
    return Executors.newFixedThreadPool(
        size,
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}

package io.syncline.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads for work done beside the command's own thread (reading the table while files are parsed,
 * reading rows ahead of the statements that write them). They are daemons: a background task whose
 * result is no longer wanted never keeps the process alive.
 */
public final class Background {
  private Background() {}

  /** A pool of daemon threads named {@code name}, created as tasks need them. */
  public static ExecutorService threads(String name) {
    return Executors.newCachedThreadPool(
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }
}

package io.syncline.shell;

import io.syncline.session.Session;
import java.nio.file.Path;
import java.time.Clock;

/** Holds the one session of this process, created on first use (so start-up opens nothing). */
public final class Sessions implements AutoCloseable {
  private Session session;
  private Path workingDirectory = Path.of("").toAbsolutePath();

  public synchronized Session current() {
    if (session == null) {
      session = new Session(workingDirectory, Clock.systemDefaultZone());
    }
    return session;
  }

  /** Ends the current session and starts the next one in another directory (for tests). */
  public synchronized void startIn(Path directory) {
    close();
    session = null;
    workingDirectory = directory.toAbsolutePath();
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
    }
  }
}

package io.syncline.session;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test's own working directory and the session a test opens in it ({@code session = new
 * Session(dir, clock)}), closed after each test so no connection or lock outlives it.
 */
abstract class InWorkingDirectory {
  @TempDir Path dir;
  Session session;

  @AfterEach
  void closeSession() {
    if (session != null) {
      session.close();
    }
  }
}

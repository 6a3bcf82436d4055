package io.syncline.state;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2StateStoreTest extends StateStoreContract {
  @TempDir Path dir;

  @Override
  protected String url() {
    return "jdbc:h2:" + dir.resolve("state");
  }
}

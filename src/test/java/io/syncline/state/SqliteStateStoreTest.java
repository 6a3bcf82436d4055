package io.syncline.state;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest extends StateStoreContract {
  @TempDir Path dir;

  @Override
  protected String url() {
    return "jdbc:sqlite:" + dir.resolve("state.db");
  }

  @Override
  protected String trueLiteral() {
    return "1";
  }
}

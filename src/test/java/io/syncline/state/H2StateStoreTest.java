package io.syncline.state;

import java.util.UUID;

class H2StateStoreTest extends StateStoreContract {
  private final String name = "s" + UUID.randomUUID().toString().replace("-", "");

  @Override
  protected String url() {
    return "jdbc:h2:mem:" + name;
  }
}

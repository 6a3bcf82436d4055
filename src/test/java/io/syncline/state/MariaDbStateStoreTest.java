package io.syncline.state;

import io.syncline.sql.Servers;

class MariaDbStateStoreTest extends StateStoreContract {
  private final Servers.Scratch server = Servers.mariadb();

  @Override
  protected void prepare() {
    server.create();
  }

  @Override
  protected void cleanUp() {
    server.drop();
  }

  @Override
  protected String url() {
    return server.url();
  }

  @Override
  protected String user() {
    return server.user();
  }
}

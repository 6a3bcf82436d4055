package io.syncline.state;

import io.syncline.sql.Servers;

class PostgresStateStoreTest extends StateStoreContract {
  private final String schema = Servers.newName();

  @Override
  protected void prepare() {
    Servers.run(Servers.POSTGRES, Servers.POSTGRES_USER, "CREATE SCHEMA " + schema);
  }

  @Override
  protected void cleanUp() {
    Servers.run(
        Servers.POSTGRES, Servers.POSTGRES_USER, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  @Override
  protected String url() {
    return Servers.POSTGRES + "?currentSchema=" + schema;
  }

  @Override
  protected String user() {
    return Servers.POSTGRES_USER;
  }
}

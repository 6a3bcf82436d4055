package io.syncline.sql;

class PostgresDatabaseTest extends DatabaseContract {
  private final Servers.Scratch server = Servers.postgres();

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

  @Override
  protected String liftReadOnly() {
    return "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE";
  }
}

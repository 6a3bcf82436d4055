package io.syncline.sql;

class MariaDbDatabaseTest extends DatabaseContract {
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

  @Override
  protected String holderMentions() {
    return "MariaDB connection"; // MariaDB tells the connection, not the process
  }
}

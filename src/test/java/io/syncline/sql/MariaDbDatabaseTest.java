package io.syncline.sql;

class MariaDbDatabaseTest extends DatabaseContract {
  private final String database = Servers.newName();

  @Override
  protected void prepare() {
    Servers.run(Servers.MARIADB, Servers.MARIADB_USER, "CREATE DATABASE " + database);
  }

  @Override
  protected void cleanUp() {
    Servers.run(Servers.MARIADB, Servers.MARIADB_USER, "DROP DATABASE IF EXISTS " + database);
  }

  @Override
  protected String url() {
    return Servers.MARIADB + database;
  }

  @Override
  protected String user() {
    return Servers.MARIADB_USER;
  }
}

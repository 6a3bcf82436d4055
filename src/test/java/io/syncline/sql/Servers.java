package io.syncline.sql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL and MariaDB servers the integration tests use when they run here: each test gets a
 * {@link Scratch} schema (PostgreSQL) or database (MariaDB) of its own, dropped afterwards. A
 * server that does not answer skips the test with the reason (a JUnit assumption), so a machine
 * without the servers reports the tests as skipped, never as passed.
 */
public final class Servers {
  public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String POSTGRES_USER = "postgres";
  public static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
  public static final String MARIADB_USER = "root";

  private Servers() {}

  public static String newName() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** A schema of its own on the PostgreSQL server. */
  public static Scratch postgres() {
    String schema = newName();
    return new Scratch(
        POSTGRES + "?currentSchema=" + schema,
        POSTGRES,
        POSTGRES_USER,
        "CREATE SCHEMA " + schema,
        "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** A database of its own on the MariaDB server. */
  public static Scratch mariadb() {
    String database = newName();
    return new Scratch(
        MARIADB + database,
        MARIADB,
        MARIADB_USER,
        "CREATE DATABASE " + database,
        "DROP DATABASE IF EXISTS " + database);
  }

  /**
   * A test's own place on a server: {@link #create} (skips the test when the server is away), use
   * {@link #url} and {@link #user}, then {@link #drop}.
   */
  public record Scratch(
      String url, String adminUrl, String user, String createSql, String dropSql) {
    public void create() {
      run(adminUrl, user, createSql);
    }

    public void drop() {
      run(adminUrl, user, dropSql);
    }

    /** Runs statements as the admin user inside this scratch place. */
    public void sql(String... statements) {
      run(url, user, statements);
    }
  }

  /** Runs statements on the server's admin URL; skips the test when it cannot connect. */
  public static void run(String url, String user, String... statements) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    // seconds for PostgreSQL's driver, milliseconds for MariaDB's
    properties.setProperty("connectTimeout", url.startsWith("jdbc:postgresql:") ? "3" : "3000");
    Connection connection;
    try {
      connection = DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      assumeTrue(false, "no server at " + url + ": " + e.getMessage());
      return;
    }
    try (connection;
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.syncline.sql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL and MariaDB servers the contract tests use when they run here: each test gets a
 * schema (PostgreSQL) or database (MariaDB) of its own, dropped afterwards. A server that does not
 * answer skips the test.
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

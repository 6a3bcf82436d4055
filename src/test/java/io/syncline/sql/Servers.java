package io.syncline.sql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL and MariaDB servers the integration tests use when they run here: each test gets a
 * {@link Scratch} schema (PostgreSQL) or database (MariaDB) of its own, dropped afterwards.
 *
 * <p>When a test may skip: only when it creates its scratch place, only when the server refuses the
 * connection (nothing listens on the port), and only on a machine that has not asked for the
 * servers. {@code .ci/run} sets {@code SYNCLINE_TEST_SERVERS=required}: there a refused connection
 * fails the test like any other error. Everything else fails everywhere: a wrong password, a
 * missing database, a timeout, and a server lost in the middle of a test (dropping or using the
 * scratch place never skips). So a developer without servers sees the tests reported as skipped,
 * with the reason, and CI cannot pass by skipping them.
 */
public final class Servers {
  public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String POSTGRES_USER = "postgres";
  public static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
  public static final String MARIADB_USER = "root";

  /** The environment variable that makes every server test required: {@code .ci/run} sets it. */
  public static final String REQUIRED = "SYNCLINE_TEST_SERVERS";

  private Servers() {}

  public static String newName() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** A schema of its own on the PostgreSQL server. */
  /** A database a test connects to: its URL and user (null: none). */
  public record Target(String url, String user) {}

  /**
   * An empty database of the kind named ({@code sqlite}, {@code h2}, {@code postgresql}, {@code
   * mariadb}) for one test: SQLite as {@code NAME.db} beside the test's files (the session resolves
   * it), H2 as a new file in {@code dir}, the servers in a scratch schema or database that {@code
   * cleanUps} drops afterwards (skipped without the server, failed in CI).
   */
  public static Target empty(String kind, Path dir, String name, List<Runnable> cleanUps) {
    return switch (kind) {
      case "sqlite" -> new Target("jdbc:sqlite:" + name + ".db", null);
      case "h2" -> new Target("jdbc:h2:" + dir.resolve(name + "-" + UUID.randomUUID()), null);
      default -> {
        Scratch scratch = kind.equals("postgresql") ? postgres() : mariadb();
        scratch.create();
        cleanUps.add(scratch::drop);
        yield new Target(scratch.url(), scratch.user());
      }
    };
  }

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
      run(adminUrl, user, true, createSql);
    }

    public void drop() {
      run(adminUrl, user, false, dropSql);
    }

    /** Runs statements as the admin user inside this scratch place. */
    public void sql(String... statements) {
      run(url, user, false, statements);
    }
  }

  /**
   * Runs statements on the server's admin URL. Skips the test when the server is not there at all
   * and the servers are not required (see the class comment); fails on any other error.
   */
  public static void run(String url, String user, String... statements) {
    run(url, user, true, statements);
  }

  private static void run(String url, String user, boolean mayBeAbsent, String... statements) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    // seconds for PostgreSQL's driver, milliseconds for MariaDB's
    properties.setProperty("connectTimeout", url.startsWith("jdbc:postgresql:") ? "3" : "3000");
    Connection connection;
    try {
      connection = DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      boolean skip = mayBeAbsent && !required() && refused(e);
      assumeTrue(
          !skip,
          "no server at "
              + url
              + " (connection refused); set "
              + REQUIRED
              + "=required to fail instead");
      throw new IllegalStateException("cannot connect to the test server at " + url, e);
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

  /** True where {@code .ci/run} (or a developer) asked for the servers: none may be skipped. */
  public static boolean required() {
    return "required".equals(System.getenv(REQUIRED));
  }

  /** Nothing listens on the server's port: the one failure that means "no server here". */
  static boolean refused(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      // "Connection refused": a timeout or an unreachable host is something else going wrong
      if (cause instanceof ConnectException
          && String.valueOf(cause.getMessage()).contains("refused")) {
        return true;
      }
    }
    return false;
  }
}

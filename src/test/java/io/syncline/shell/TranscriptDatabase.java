package io.syncline.shell;

import io.syncline.sql.Database;
import io.syncline.sql.Servers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database a golden transcript runs on, and the one place where what legitimately differs
 * between databases is put back to what SQLite prints.
 *
 * <p>A transcript is written for SQLite: each {@code jdbc:sqlite:NAME.db} in its script and in its
 * {@code syncline.yml} names one database. On another kind, each NAME gets a database of its own,
 * created empty for the run and dropped after it:
 *
 * <pre>
 *   h2          jdbc:h2:WORK/NAME                                  (a file in the run's folder)
 *   postgresql  jdbc:postgresql://127.0.0.1:5432/t_…?user=postgres  (a database of its own)
 *   mariadb     jdbc:mariadb://127.0.0.1:3306/t_…?user=root         (a database of its own)
 * </pre>
 *
 * A PostgreSQL database rather than a schema: a schema is in the URL's parameters, which the
 * connection's short name leaves out, so two schemas would read the same in the transcript.
 *
 * <p>The output then reads as it does on SQLite, in three steps, so one {@code transcript.out}
 * holds for every database: a command line (echoed after {@code syncline> }, or saved by {@code
 * journal save}) reads as the script has it; the URL elsewhere reads as SQLite's resolved URL
 * ({@code jdbc:sqlite:WORK/NAME.db}); the connection's short name ({@code h2:NAME}, {@code
 * postgresql://127.0.0.1:5432/t_…}) reads {@code sqlite:NAME.db}, and the {@code log} table's
 * connection column is as wide as SQLite's. Nothing else is rewritten: any other difference fails
 * the transcript.
 */
final class TranscriptDatabase implements AutoCloseable {
  static final List<String> KINDS = List.of("sqlite", "h2", "postgresql", "mariadb");
  private static final Pattern SQLITE_URL = Pattern.compile("jdbc:sqlite:([A-Za-z0-9_-]+)\\.db");

  private final String kind;
  private final Path work;
  private final Map<String, String> urls = new LinkedHashMap<>();
  private final Map<String, String> lines = new LinkedHashMap<>();
  private final List<Runnable> cleanUps = new ArrayList<>();

  TranscriptDatabase(String kind, Path work) {
    this.kind = kind;
    this.work = work;
  }

  /** The text of a fixture file (script or mapping) with each SQLite URL naming this kind's. */
  String rewrite(String text) {
    if (kind.equals("sqlite")) {
      return text;
    }
    for (String line : text.lines().toList()) {
      String rewritten = withTargets(line);
      if (!rewritten.equals(line)) {
        lines.put(rewritten, line);
      }
    }
    return withTargets(text);
  }

  private String withTargets(String text) {
    return SQLITE_URL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(target(m.group(1))));
  }

  /** The output as SQLite would print it (see the class comment); the work folder still in it. */
  String normalise(String output) {
    if (kind.equals("sqlite")) {
      return output;
    }
    StringBuilder out = new StringBuilder();
    for (String line : output.split("\n", -1)) {
      String echoed = line.startsWith(ECHO) ? line.substring(ECHO.length()) : null;
      if (echoed != null && lines.containsKey(echoed)) {
        line = ECHO + lines.get(echoed);
      } else if (lines.containsKey(line)) {
        line = lines.get(line);
      }
      out.append(line).append('\n');
    }
    String text = out.substring(0, out.length() - 1);
    for (Map.Entry<String, String> database : urls.entrySet()) {
      String name = database.getKey();
      String url = database.getValue();
      String shortName = Database.shortName(url);
      String sqliteShortName = "sqlite:" + name + ".db";
      text = TranscriptTest.column(text, "connection", shortName, sqliteShortName);
      text =
          text.replace(url, "jdbc:sqlite:" + work.resolve(name + ".db"))
              .replace(shortName, sqliteShortName);
    }
    return text;
  }

  private static final String ECHO = "syncline> ";

  private String target(String name) {
    return urls.computeIfAbsent(name, this::create);
  }

  private String create(String name) {
    String database = Servers.newName();
    return switch (kind) {
      case "h2" -> "jdbc:h2:" + work.resolve(name);
      case "postgresql" -> {
        String admin = Servers.POSTGRES;
        created(admin, Servers.POSTGRES_USER, database, " WITH (FORCE)");
        yield admin.substring(0, admin.lastIndexOf('/') + 1)
            + database
            + "?user="
            + Servers.POSTGRES_USER;
      }
      case "mariadb" -> {
        created(Servers.MARIADB, Servers.MARIADB_USER, database, "");
        yield Servers.MARIADB + database + "?user=" + Servers.MARIADB_USER;
      }
      default -> throw new IllegalArgumentException("no database kind " + kind);
    };
  }

  /** Creates the database (the test skips without the server), and drops it at {@link #close}. */
  private void created(String adminUrl, String user, String database, String force) {
    Servers.Scratch scratch =
        new Servers.Scratch(
            adminUrl,
            adminUrl,
            user,
            "CREATE DATABASE " + database,
            "DROP DATABASE IF EXISTS " + database + force);
    scratch.create();
    cleanUps.add(scratch::drop);
  }

  @Override
  public void close() {
    cleanUps.forEach(Runnable::run);
  }
}

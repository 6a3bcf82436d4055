package io.syncline.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A test's {@code countries.json} (a list of countries keyed by {@code alpha_2}) and a session on
 * the SQLite database {@code geo.db} beside it, reopened as the next start of Syncline would open
 * it.
 */
abstract class CountriesOnSqlite extends InWorkingDirectory {
  Path file;

  /** Writes {@code countries.json} and opens a session on {@code geo.db}. */
  void start(String countries) throws IOException {
    file = dir.resolve("countries.json");
    Files.writeString(file, countries);
    session = open();
  }

  /** Closes the session and opens a new one on the same database, as a new process would. */
  void newSession() {
    session.close();
    session = open();
  }

  private Session open() {
    Session opened = new Session(dir, Clock.systemUTC());
    opened.connect("jdbc:sqlite:geo.db", null, null, false);
    return opened;
  }

  /** Loads {@code countries.json}: entity country, keyed by alpha_2, the list at the top. */
  static LoadRequest countries() {
    return new LoadRequest("countries.json", "country", List.of("alpha_2"), null, null, null);
  }
}

package io.syncline.shell;

import io.syncline.session.Session;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The connection and a look inside it. */
@Component
public class DatabaseCommands {
  private final Sessions sessions;

  public DatabaseCommands(Sessions sessions) {
    this.sessions = sessions;
  }

  @Command(name = "connect", description = "Open the session's database connection.")
  @Usage(
      synopsis = "connect [URL] [--user U] [--password | --password-env VAR] [--read-only]",
      arguments =
          "URL: a JDBC URL; none: the database: of syncline.yml, else " + Session.DEFAULT_DATABASE,
      examples = {
        "connect jdbc:sqlite:geo.db",
        "connect jdbc:postgresql://db/app --user ann --password"
      })
  public String connect(
      @Argument(index = 0, defaultValue = "") String url,
      @Option(longName = "user", description = "the database user") String user,
      @Option(longName = "password", description = "ask for the password (at the prompt only)")
          boolean askPassword,
      @Option(
              longName = "password-env",
              description = "name of an environment variable holding the password")
          String passwordEnv,
      @Option(longName = "read-only", description = "open it so that nothing can be written")
          boolean readOnly,
      CommandContext context) {
    if (context.parsedInput().arguments().size() > 1) {
      // Never echo the words: `connect URL --password s3cret` would print the password.
      throw Misuse.connectTakesOneUrl();
    }
    String password = null;
    if (askPassword && passwordEnv != null) {
      throw Misuse.notBoth("--password", "--password-env");
    }
    if (askPassword) {
      password = Secrets.ask(context.inputReader(), "password: ", "connect");
    }
    if (passwordEnv != null) {
      password = System.getenv(passwordEnv);
      if (password == null) {
        throw Misuse.variableNotSet(passwordEnv);
      }
    }
    Session session = sessions.current();
    String described = session.connect(SyncCommands.blankToNull(url), user, password, readOnly);
    return session.takeNotice().map(notice -> notice + "\n").orElse("")
        + "connected to "
        + described
        + (readOnly ? " (read-only)" : "");
  }

  @Command(name = "sql", description = "Run a query and print the result as a table.")
  @Usage(
      synopsis = "sql QUERY",
      arguments = "QUERY: one SQL statement: the rest of the line, as typed",
      examples = "sql SELECT name FROM country WHERE alpha_2 = 'AW'")
  public String sql(@Argument(index = 0, defaultValue = "") String query) {
    if (query.isBlank()) {
      throw Misuse.needs("sql", "a query", "sql SELECT * FROM t");
    }
    Session session = sessions.current();
    String table = Views.query(session.sql(query));
    return SyncCommands.noticed(session) + table;
  }
}

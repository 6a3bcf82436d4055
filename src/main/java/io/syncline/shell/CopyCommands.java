package io.syncline.shell;

import io.syncline.core.SynclineException;
import io.syncline.session.CopyRequest;
import io.syncline.session.CopyResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** Database to database. */
@Component
public class CopyCommands {
  private final Sessions sessions;
  private final Screen screen;

  public CopyCommands(Sessions sessions, Screen screen) {
    this.sessions = sessions;
    this.screen = screen;
  }

  @Command(
      name = "copy",
      description = "Copy tables from one database to another; the source is opened read-only.")
  @Usage(
      synopsis =
          "copy --from URL --to URL [--tables A,B] [--where TABLE:CONDITION]... [--replace]"
              + " [--from-password | --from-password-env VAR] [--to-password | --to-password-env VAR]"
              + " [--dead-letter FILE]",
      examples = "copy --from jdbc:postgresql://prod/app --to jdbc:sqlite:dev.db --tables books")
  public void copy(
      @Option(longName = "from", description = "the source's JDBC URL") String from,
      @Option(longName = "to", description = "the target's JDBC URL") String to,
      @Option(longName = "tables", description = "tables to copy, comma-separated; default all")
          String tables,
      @Option(longName = "where", description = "TABLE:CONDITION; repeat for more tables")
          String where,
      @Option(longName = "replace", description = "empty each target table first") boolean replace,
      @Option(longName = "from-password", description = "ask for the source's password")
          boolean askFromPassword,
      @Option(
              longName = "from-password-env",
              description = "an environment variable holding the source's password")
          String fromPasswordEnv,
      @Option(longName = "to-password", description = "ask for the target's password")
          boolean askToPassword,
      @Option(
              longName = "to-password-env",
              description = "an environment variable holding the target's password")
          String toPasswordEnv,
      @Option(longName = "dead-letter", description = "where refused rows go (JSON lines)")
          String deadLetter,
      CommandContext context) {
    if (from == null || to == null) {
      throw Misuse.needs("copy", "--from URL and --to URL");
    }
    if (askFromPassword && fromPasswordEnv != null || askToPassword && toPasswordEnv != null) {
      throw Misuse.copyPasswordsBothWays();
    }
    String fromPassword =
        askFromPassword
            ? Secrets.ask(context.inputReader(), "password for the source: ", "copy")
            : password(fromPasswordEnv);
    String toPassword =
        askToPassword
            ? Secrets.ask(context.inputReader(), "password for the target: ", "copy")
            : password(toPasswordEnv);
    CopyRequest request =
        new CopyRequest(
            from,
            fromPassword,
            to,
            toPassword,
            tables == null
                ? List.of()
                : Arrays.stream(tables.split(","))
                    .map(String::strip)
                    .filter(t -> !t.isEmpty())
                    .toList(),
            conditions(where),
            replace,
            deadLetter);
    CopyResult result;
    try (ProgressBars progress = screen.progress(context)) {
      result = sessions.current().copy(request, progress);
    }
    context.outputWriter().print(SyncCommands.noticed(sessions.current()));
    context.outputWriter().println(Views.copy(result));
    context.outputWriter().flush();
    if (result.failed() > 0) {
      throw new SynclineException(
          result.failed()
              + " row(s) could not be copied; they are in "
              + result.deadLetter()
              + " with the database's reason");
    }
    if (!result.agrees()) {
      throw new SynclineException.SidesDiffer(
          "the target differs from the source (see the table above); --replace makes an exact"
              + " copy");
    }
  }

  private static String password(String variable) {
    if (variable == null) {
      return null;
    }
    String password = System.getenv(variable);
    if (password == null) {
      throw Misuse.variableNotSet(variable);
    }
    return password;
  }

  /** {@code books:price > 50} per line (a repeated --where arrives one per line). */
  private static Map<String, String> conditions(String where) {
    Map<String, String> conditions = new LinkedHashMap<>();
    if (where == null) {
      return conditions;
    }
    for (String line : where.split("\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0 || colon == line.length() - 1) {
        throw Misuse.whereShape(line);
      }
      String table = line.substring(0, colon).strip();
      if (conditions.put(table, line.substring(colon + 1).strip()) != null) {
        throw Misuse.whereTwice(table);
      }
    }
    return conditions;
  }
}

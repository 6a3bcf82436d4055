package io.syncline.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Which command lines go into the session's journal: the ones that change something, so that
 * replaying the journal on the same starting state ends in the same state.
 *
 * <pre>
 *   load countries.json --key alpha_2     → kept
 *   diff, status, conflicts, verify       → left out (they only look)
 *   apply --dry-run                       → left out
 *   sql SELECT ...                        → left out; sql UPDATE ... → kept
 *   resolve                               → left out: its answers are journaled one by one
 *   connect jdbc:...password=s3cret       → kept masked, after a comment that says so
 *   checkpoint before-import              → kept: a later rollback names it
 *   migrate up, migrate down --to 1       → kept; migrate, migrate validate → left out
 *   rollback, rollback NAME --force       → kept as typed: replayed in order, no NAME picks the
 *                                           same newest checkpoint
 *   copy --from ... --to ...              → kept; --from-password/--to-password after a comment
 *   script FILE                           → left out: its lines are journaled as they run
 * </pre>
 */
final class Journaling {
  private static final Set<String> CHANGING =
      Set.of(
          "connect",
          "checkpoint",
          "rollback",
          "copy",
          "load",
          "mapping load",
          "migrate up",
          "migrate down",
          "mapping save",
          "stage",
          "unstage",
          "resolve",
          "apply",
          "export",
          "enrich",
          "system",
          "sql");
  private static final Set<String> QUERIES =
      Set.of("select", "explain", "show", "pragma", "values", "describe", "table");

  private Journaling() {}

  /** The lines to journal for a command that succeeded: none, one, or a comment and one. */
  static List<String> linesFor(ParsedInput parsed, String line) {
    String name = String.join(" ", fullName(parsed));
    if (!CHANGING.contains(name)
        || (name.equals("apply") && has(parsed, "dry-run"))
        || (name.equals("resolve") && !has(parsed, "take") && !has(parsed, "value"))
        || (name.equals("sql") && isQuery(parsed))) {
      return List.of();
    }
    if (name.equals("copy") && (has(parsed, "from-password") || has(parsed, "to-password"))) {
      return List.of(
          "# the passwords were typed at the prompt; in a script give them with"
              + " --from-password-env and --to-password-env",
          MaskingHistory.mask(line.strip()));
    }
    if (name.equals("connect") && has(parsed, "password")) {
      return List.of(
          "# the password was typed at the prompt; in a script give it with --password-env"
              + " VARIABLE",
          MaskingHistory.mask(line.strip()));
    }
    String masked = MaskingHistory.mask(line.strip());
    if (!masked.equals(line.strip())) {
      return List.of("# the password is not kept; give it with --password-env VARIABLE", masked);
    }
    return List.of(masked);
  }

  private static List<String> fullName(ParsedInput parsed) {
    List<String> words = new ArrayList<>();
    words.add(parsed.commandName());
    words.addAll(parsed.subCommands());
    return words;
  }

  private static boolean has(ParsedInput parsed, String option) {
    return parsed.options().stream().map(CommandOption::longName).anyMatch(option::equals);
  }

  private static boolean isQuery(ParsedInput parsed) {
    if (parsed.arguments().isEmpty()) {
      return true;
    }
    String query = parsed.arguments().get(0).value().strip();
    String first = query.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return QUERIES.contains(first);
  }
}

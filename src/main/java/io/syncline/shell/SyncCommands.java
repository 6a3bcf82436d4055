package io.syncline.shell;

import io.syncline.core.CanonicalJson;
import io.syncline.core.ChangeSet;
import io.syncline.core.Layout;
import io.syncline.core.Side;
import io.syncline.core.SyncStatus;
import io.syncline.core.SynclineException;
import io.syncline.session.ApplyPreview;
import io.syncline.session.ConflictWalk;
import io.syncline.session.EnrichedCopies;
import io.syncline.session.LoadRequest;
import io.syncline.session.LoadResult;
import io.syncline.session.Session;
import io.syncline.session.Verification;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The sync loop: load, diff, stage, resolve, apply, verify, export. Parse, call, render. */
@Component
public class SyncCommands {
  private final Sessions sessions;
  private final Style style;
  private final Screen screen;

  public SyncCommands(Sessions sessions, Style style, Screen screen) {
    this.sessions = sessions;
    this.style = style;
    this.screen = screen;
  }

  @Command(
      name = "load",
      description = "Read records from files and diff them against the database.")
  @Usage(
      synopsis =
          "load [PATH...] [--entity E] [--key K[,K]] [--at /pointer] [--table T]"
              + " [--layout file|list|map] [--children LIST[:KEY][,...]] [--as-of YYYY-MM-DD]",
      arguments =
          "PATH: a file or a glob ('epics/*.json'); none: every entity of syncline.yml, each read"
              + " from the files it names",
      examples = {
        "load countries.json --entity country --at /3166-1 --key alpha_2",
        "load 'epics/*.json' --key epic_key",
        "load 'epics/*.json' --key epic_key --children tasks",
        "load",
        "load --as-of 2025-11-14"
      })
  public String load(
      @Arguments List<String> paths,
      @Option(longName = "entity", description = "entity name (default: from the file name)")
          String entity,
      @Option(longName = "key", description = "key field(s), comma separated (default: id)")
          String key,
      @Option(
              longName = "at",
              description = "JSON Pointer to the records (default: the whole document)")
          String at,
      @Option(longName = "table", description = "table name (default: the entity name)")
          String table,
      @Option(longName = "layout", description = "file | list | map (default: detected)")
          String layout,
      @Option(
              longName = "children",
              description =
                  "list fields kept as child tables, comma separated, each with its elements' key"
                      + " field after a colon (tasks:task_key); without one the key is guessed"
                      + " (default: the mapping's children:, else none)")
          String children,
      @Option(
              longName = "as-of",
              description = "the day enrich: plans are made on, YYYY-MM-DD (default: today)")
          String asOf,
      CommandContext context) {
    boolean described =
        entity != null
            || key != null
            || at != null
            || table != null
            || layout != null
            || children != null;
    if ((paths == null || paths.isEmpty()) && described) {
      throw Misuse.loadOptionsWithoutFiles();
    }
    if (paths != null && paths.size() > 1 && entity != null) {
      throw Misuse.loadEntityOfManyFiles();
    }
    Session session = sessions.current();
    StringBuilder out = new StringBuilder();
    try (ProgressBars progress = screen.progress(context)) {
      if (paths == null || paths.isEmpty()) {
        for (LoadResult result : session.loadAll(day(asOf), progress)) {
          session.takeNotice().ifPresent(notice -> out.append(notice).append('\n'));
          out.append(Views.loaded(result)).append('\n');
        }
      }
      for (String path : paths == null ? List.<String>of() : paths) {
        LoadResult result =
            session.load(
                new LoadRequest(
                    path,
                    entity,
                    keys(key),
                    at,
                    table,
                    layout(layout),
                    day(asOf),
                    children(children)),
                progress);
        session.takeNotice().ifPresent(notice -> out.append(notice).append('\n'));
        out.append(Views.loaded(result)).append('\n');
      }
    }
    out.append(Views.summaryLine(session.changes()));
    return out.toString();
  }

  @Command(
      name = "diff",
      description = "Show every difference, field by field, with its direction.")
  @Usage(
      synopsis = "diff [SELECTOR] [--format table|unified|json] [--wide] [--limit N]",
      arguments =
          "SELECTOR: an entity, a record or a field (country, country/AW, country/AW.name); none:"
              + " every change",
      examples = {"diff", "diff country/AW --format json"})
  public String diff(
      @Argument(index = 0, defaultValue = "") String selector,
      @Option(longName = "format", defaultValue = "table", description = "table, unified or json")
          String format,
      @Option(longName = "wide", description = "show long values whole") boolean wide,
      @Option(longName = "limit", defaultValue = "200", description = "rows at most; 0: all")
          int limit,
      CommandContext context) {
    ChangeSet changes = sessions.current().changes();
    String chosen = blankToNull(selector);
    String unreadable = Views.unreadable(sessions.current());
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "table" ->
          unreadable
              + new DiffView(changes, style, wide, screen.width(context)).table(chosen, limit);
      case "unified" -> unreadable + new DiffView(changes, style, true).unified(chosen);
      case "json" -> DiffView.json(changes, chosen);
      default -> throw Misuse.oneOf("--format", "table, unified, json");
    };
  }

  @Command(name = "status", description = "What is loaded, staged and in conflict; the connection.")
  @Usage(
      synopsis = "status [ENTITY] [--format text|json]",
      arguments =
          "ENTITY: what the last load of it saw, record by record, as the database's"
              + " syncline_sync_status view holds it; none: the session",
      examples = {"status", "status --format json", "status country"})
  public String status(
      @Argument(index = 0, defaultValue = "") String entity,
      @Option(longName = "format", defaultValue = "text", description = "text or json")
          String format) {
    if (!entity.isBlank()) {
      SyncStatus status = sessions.current().syncStatus(entity).orElse(null);
      List<SyncStatus> children =
          status == null ? List.of() : sessions.current().childSyncStatuses(entity);
      return JsonView.wanted(format)
          ? SyncStatusView.json(status, children)
          : SyncStatusView.text(entity, status, children);
    }
    return JsonView.wanted(format)
        ? JsonView.status(sessions.current())
        : Views.status(sessions.current());
  }

  @Command(name = "stage", description = "Choose changes for apply (all but conflicts are staged).")
  @Usage(
      synopsis = "stage [SELECTOR]",
      arguments = "SELECTOR: an entity, a record or a field; none: every change",
      examples = {"stage country/AW", "stage country/AW.name"})
  public String stage(@Argument(index = 0, defaultValue = "") String selector) {
    int count = sessions.current().changes().stage(blankToNull(selector));
    return count + " change(s) staged\n" + Views.summaryLine(sessions.current().changes());
  }

  @Command(name = "unstage", description = "Leave changes out of the next apply.")
  @Usage(
      synopsis = "unstage [SELECTOR]",
      arguments = "SELECTOR: an entity, a record or a field; none: every change",
      examples = "unstage country/AW.population")
  public String unstage(@Argument(index = 0, defaultValue = "") String selector) {
    int count = sessions.current().changes().unstage(blankToNull(selector));
    return count + " change(s) unstaged\n" + Views.summaryLine(sessions.current().changes());
  }

  @Command(
      name = "conflicts",
      description = "List the fields changed on both sides to different values.")
  @Usage(
      synopsis = "conflicts [--wide] [--format text|json]",
      examples = {"conflicts", "conflicts --format json"})
  public String conflicts(
      @Option(longName = "wide", description = "show long values whole") boolean wide,
      @Option(longName = "format", defaultValue = "text", description = "text or json")
          String format,
      CommandContext context) {
    ChangeSet changes = sessions.current().changes();
    if (JsonView.wanted(format)) {
      return DiffView.jsonOf(
          changes, changes.changes().stream().filter(c -> c.isConflict()).toList());
    }
    return new DiffView(changes, style, wide, screen.width(context)).conflicts();
  }

  @Command(name = "resolve", description = "Decide conflicts: take one side's value or give one.")
  @Usage(
      synopsis = "resolve [SELECTOR] [--take file|db|base | --value JSON] [--all]",
      arguments =
          "SELECTOR: the conflicts to decide: an entity, a record or a field; with neither --take"
              + " nor --value, at the prompt, one at a time",
      examples = {
        "resolve country/FR.name --take db",
        "resolve country/BE.numeric --value '\"056\"'",
        "resolve --all --take file",
        "resolve country"
      })
  public String resolve(
      @Argument(index = 0, defaultValue = "") String selector,
      @Option(longName = "take", description = "the side whose value wins: file, db or base")
          String take,
      @Option(longName = "value", description = "the value to keep, as JSON: '\"Aruba\"', 42, null")
          String value,
      @Option(longName = "all", description = "every open conflict, whatever the SELECTOR")
          boolean all,
      CommandContext context) {
    ChangeSet changes = sessions.current().changes();
    String chosen = all ? null : blankToNull(selector);
    if (take == null && value == null) {
      if (all || context.inputReader() == null) {
        throw Misuse.resolveHow(all, chosen);
      }
      ConflictWalk walk = ConflictWalk.over(changes, chosen);
      String decided =
          new ConflictPrompt(
                  walk,
                  context.inputReader(),
                  context.outputWriter(),
                  style,
                  sessions.current().journal())
              .run();
      return decided + "\n" + Views.summaryLine(changes);
    }
    if (take != null && value != null) {
      throw Misuse.notBoth("--take", "--value");
    }
    int decided;
    if (take != null) {
      decided = changes.resolve(chosen, side(take));
    } else {
      try {
        decided = changes.resolve(chosen, CanonicalJson.parse(value));
      } catch (CanonicalJson.NotJson e) {
        throw Misuse.valueNotJson(e.getMessage());
      }
    }
    return decided + " conflict(s) resolved\n" + Views.summaryLine(changes);
  }

  @Command(name = "apply", description = "Carry out the staged changes on both sides.")
  @Usage(
      synopsis = "apply [--dry-run]",
      examples = {"apply --dry-run", "apply"})
  public String apply(
      @Option(longName = "dry-run", description = "show what apply would do") boolean dryRun,
      CommandContext context) {
    Session session = sessions.current();
    if (dryRun) {
      return Views.preview(session.preview(), true);
    }
    ApplyPreview done;
    try (ProgressBars progress = screen.progress(context)) {
      done = session.apply(progress);
    }
    return noticed(session)
        + Views.preview(done, false)
        + "\n"
        + Views.summaryLine(session.changes());
  }

  @Command(
      name = "verify",
      description = "Prove both sides agree, record by record; fails (exit 3) when not.")
  @Usage(
      synopsis = "verify [ENTITY] [--format text|json]",
      arguments = "ENTITY: the entity to check; none: every entity",
      examples = {"verify", "verify country --format json"})
  public String verify(
      @Argument(index = 0, defaultValue = "") String selector,
      @Option(longName = "format", defaultValue = "text", description = "text or json")
          String format,
      CommandContext context) {
    boolean json = JsonView.wanted(format);
    Verification result;
    try (ProgressBars progress = screen.progress(context)) {
      result = sessions.current().verify(blankToNull(selector), progress);
    }
    if (json) {
      // The JSON goes to the output even when the sides differ, for the program reading it; the
      // failure (exit 3 in a script) then says so in one line.
      String report = JsonView.verification(result);
      if (!result.agrees()) {
        context.outputWriter().println(report);
        context.outputWriter().flush();
        throw new SynclineException.SidesDiffer("the sides differ; `load` and `diff` show how");
      }
      return report;
    }
    String report = noticed(sessions.current()) + Views.verification(result);
    if (!result.agrees()) {
      throw new SynclineException.SidesDiffer(report);
    }
    return report;
  }

  @Command(name = "export", description = "Write database records to files.")
  @Usage(
      synopsis = "export [ENTITY] [--to PATH] [--format json|yaml]",
      arguments = "ENTITY: the entity to write; none: every entity",
      examples = {"export job --to jobs.yml", "export country"})
  public String export(
      @Argument(index = 0, defaultValue = "") String selector,
      @Option(
              longName = "to",
              description =
                  "the file, or the directory for one record per file; default: the"
                      + " entity's own")
          String to,
      @Option(
              longName = "format",
              description = "json or yaml; default: the extension of the file written")
          String format,
      CommandContext context) {
    List<Path> written;
    try (ProgressBars progress = screen.progress(context)) {
      written = sessions.current().export(blankToNull(selector), to, format, progress);
    }
    return noticed(sessions.current())
        + "wrote "
        + written.size()
        + " file(s)"
        + (written.size() <= 5
            ? ": "
                + String.join(
                    ", ",
                    written.stream()
                        .map(
                            p ->
                                sessions
                                    .current()
                                    .workingDirectory()
                                    .relativize(p.toAbsolutePath())
                                    .toString())
                        .toList())
            : "");
  }

  /** The {@code --as-of} day, or null for today. */
  private static LocalDate day(String asOf) {
    if (asOf == null || asOf.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new SynclineException.Usage(
          "--as-of: expected a date YYYY-MM-DD, found \"" + asOf + "\"; nothing was done");
    }
  }

  @Command(
      name = "enrich",
      description =
          "Write copies of records with their calculated fields, or plan records again on purpose.")
  @Usage(
      synopsis = "enrich [SELECTOR] --to DIR | --recompute [--as-of YYYY-MM-DD]",
      arguments =
          "SELECTOR: an entity with enrich: in syncline.yml, or one record (epic/EP-7); none:"
              + " every entity loaded",
      examples = {
        "enrich epic --to enriched",
        "enrich epic --to enriched --as-of 2025-11-14",
        "enrich epic/EP-7 --recompute --as-of 2025-12-01"
      })
  public String enrich(
      @Argument(index = 0, defaultValue = "") String selector,
      @Option(longName = "to", description = "the directory for the copies, one per record")
          String to,
      @Option(
              longName = "recompute",
              description = "plan the records again, their kept plans set aside; staged for apply")
          boolean recompute,
      @Option(
              longName = "as-of",
              description = "the day plans are made on, YYYY-MM-DD (default: today)")
          String asOf) {
    boolean copies = to != null && !to.isBlank();
    if (copies && recompute) {
      throw Misuse.notBoth("--to DIR", "--recompute");
    }
    if (recompute) {
      long changed = sessions.current().recompute(blankToNull(selector), day(asOf));
      return changed == 0
          ? "planned again: the plans are as they were"
          : "planned again: "
              + changed
              + " calculated field(s) staged; `diff` shows them, `apply` writes them";
    }
    if (!copies) {
      throw new SynclineException.Usage(
          "enrich needs a directory for the copies (enrich epic --to enriched), or --recompute"
              + " to plan records again");
    }
    return written(sessions.current().enrich(blankToNull(selector), to, day(asOf)), to);
  }

  private static String written(EnrichedCopies copies, String to) {
    StringBuilder out = new StringBuilder();
    copies.unreadable().forEach(e -> out.append("[?]  ").append(e.getMessage()).append('\n'));
    return out.append("wrote ")
        .append(copies.written().size())
        .append(" enriched cop")
        .append(copies.written().size() == 1 ? "y" : "ies")
        .append(" to ")
        .append(to)
        .toString();
  }

  private static Side side(String take) {
    return switch (take.toLowerCase(Locale.ROOT)) {
      case "file" -> Side.FILE;
      case "db", "database" -> Side.DATABASE;
      case "base" -> Side.BASE;
      default -> throw Misuse.oneOf("--take", "file, db, base");
    };
  }

  private static Layout layout(String layout) {
    if (layout == null) {
      return null;
    }
    return Arrays.stream(Layout.values())
        .filter(l -> l.lowerName().equals(layout.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> Misuse.oneOf("--layout", "file, list, map"));
  }

  /**
   * {@code tasks,steps:step_no} → tasks (key guessed), steps keyed by step_no. A list inside a
   * child's elements is named in syncline.yml ({@code children:} under {@code children:}).
   */
  private static List<LoadRequest.Child> children(String lists) {
    if (lists == null) {
      return null;
    }
    List<LoadRequest.Child> children = new java.util.ArrayList<>();
    for (String item : lists.split(",")) {
      String[] parts = item.strip().split(":", -1);
      String field = parts[0].strip();
      String key = parts.length > 1 ? parts[1].strip() : null;
      if (field.isEmpty() || parts.length > 2 || "".equals(key) || field.contains(".")) {
        throw Misuse.childrenList(item.strip());
      }
      children.add(new LoadRequest.Child(field, key));
    }
    return children;
  }

  private static List<String> keys(String key) {
    return key == null ? null : Arrays.stream(key.split(",")).map(String::strip).toList();
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** What the session has to say first (a write lock taken over), as a line; or nothing. */
  static String noticed(Session session) {
    return session.takeNotice().map(notice -> notice + "\n").orElse("");
  }
}

package io.syncline.shell;

import io.syncline.core.Change;
import io.syncline.core.Checkpoint;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.session.LoadedFiles;
import io.syncline.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * TAB at the prompt. What it offers depends on where the cursor is:
 *
 * <pre>
 *   re&lt;TAB&gt;                    commands: resolve
 *   mapping &lt;TAB&gt;              sub-commands: load, show
 *   diff --f&lt;TAB&gt;              the command's options not given yet: --format
 *   resolve x --take &lt;TAB&gt;     the option's values: file, db, base
 *   diff cou&lt;TAB&gt;              entities: country
 *   diff country/A&lt;TAB&gt;        record keys, from the files and the changes: country/AW
 *   diff country/AW.&lt;TAB&gt;      field names: country/AW.name
 *   load sam&lt;TAB&gt;              file paths, relative to the working directory
 *   rollback be&lt;TAB&gt;           checkpoint names, from the connected database: before-import
 * </pre>
 *
 * Replaces Spring Shell's {@code CommandCompleter}, which knows commands and options only.
 */
final class Completion implements Completer {
  /** More keys than this are not offered: a list that long helps nobody. */
  static final int MAX_KEYS = 1000;

  private static final Set<String> FILE_ARGUMENTS =
      Set.of("load", "script", "mapping load", "journal save");
  private static final Set<String> ENTITY_ARGUMENTS = Set.of("export", "verify", "status");
  private static final Set<String> SELECTOR_ARGUMENTS =
      Set.of("diff", "stage", "unstage", "resolve");
  private static final Map<String, List<String>> OPTION_VALUES =
      Map.of(
          "take", List.of("file", "db", "base"),
          "layout", List.of("file", "list", "map"));

  private final CommandRegistry registry;
  private final Sessions sessions;

  Completion(CommandRegistry registry, Sessions sessions) {
    this.registry = registry;
    this.sessions = sessions;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    String typed = line.word().substring(0, line.wordCursor());
    if (index == 0) {
      firstWords().forEach(w -> candidates.add(new Candidate(w)));
      return;
    }
    String first = words.get(0);
    if (index == 1 && !subCommands(first).isEmpty()) {
      subCommands(first).forEach(w -> candidates.add(new Candidate(w)));
      return;
    }
    String command =
        words.size() > 1 && !subCommands(first).isEmpty() ? first + " " + words.get(1) : first;
    Command found = registry.getCommandByName(command);
    if (found == null) {
      return;
    }
    String previous = words.get(index - 1);
    if (typed.startsWith("-")) {
      for (CommandOption option : found.getOptions()) {
        if (!words.contains("--" + option.longName())) {
          candidates.add(new Candidate("--" + option.longName()));
        }
      }
    } else if (previous.startsWith("--")) {
      optionValues(command, previous.substring(2), reader, line, candidates);
    } else if (FILE_ARGUMENTS.contains(command)) {
      files(reader, line, candidates);
    } else if (ENTITY_ARGUMENTS.contains(command)) {
      entities().forEach(e -> candidates.add(new Candidate(e.name())));
    } else if (SELECTOR_ARGUMENTS.contains(command)) {
      selectors(typed, candidates);
    } else if (command.equals("rollback")) {
      checkpoints().forEach(name -> candidates.add(new Candidate(name)));
    }
  }

  /** The connected database's checkpoint names; none when not connected or not readable. */
  private List<String> checkpoints() {
    Session session = sessions.current();
    if (!session.connected()) {
      return List.of();
    }
    try {
      return session.checkpoints().stream().map(Checkpoint::name).toList();
    } catch (RuntimeException e) {
      return List.of(); // TAB never fails; the command itself will say what is wrong
    }
  }

  private void optionValues(
      String command,
      String option,
      LineReader reader,
      ParsedLine line,
      List<Candidate> candidates) {
    List<String> values =
        switch (option) {
          case "format" -> formats(command);
          case "entity" -> entities().stream().map(Entity::name).toList();
          default -> OPTION_VALUES.getOrDefault(option, List.of());
        };
    values.forEach(v -> candidates.add(new Candidate(v)));
    if (option.equals("to")) {
      files(reader, line, candidates);
    }
  }

  /**
   * The values a command's {@code --format} takes, as its {@link Usage} synopsis spells them
   * ({@code HelpTest} holds the two together): a file format for export, a view for diff, text or
   * json for the commands that print a report.
   */
  static List<String> formats(String command) {
    return switch (command) {
      case "export" -> List.of("json", "yaml");
      case "diff" -> List.of("table", "unified", "json");
      default -> List.of("text", "json");
    };
  }

  /**
   * {@code entity}, {@code entity/key} or {@code entity/key.field}, whichever the typed text is on
   * its way to. An entity or a key is offered without the trailing space, so that {@code /} or
   * {@code .} can follow.
   */
  private void selectors(String typed, List<Candidate> candidates) {
    int slash = typed.indexOf('/');
    if (slash < 0) {
      entities().forEach(e -> candidates.add(partial(e.name())));
      return;
    }
    String name = typed.substring(0, slash);
    Entity entity = entities().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    if (entity == null) {
      return;
    }
    Set<String> keys = keys(entity);
    String rest = typed.substring(slash + 1);
    int dot = rest.lastIndexOf('.');
    if (dot >= 0 && keys.contains(rest.substring(0, dot))) {
      String record = name + "/" + rest.substring(0, dot);
      for (Field field : entity.fileFields()) {
        candidates.add(new Candidate(record + "." + field.name()));
      }
      return;
    }
    int offered = 0;
    for (String key : keys) {
      if (key.startsWith(rest) && offered++ < MAX_KEYS) {
        candidates.add(partial(name + "/" + key));
      }
    }
  }

  /**
   * A candidate without the trailing space, so the cursor waits for {@code /}, {@code .} or a
   * space.
   */
  private static Candidate partial(String value) {
    return new Candidate(value, value, null, null, null, null, false);
  }

  private Set<String> keys(Entity entity) {
    Session session = sessions.current();
    Set<String> keys = new TreeSet<>();
    LoadedFiles read = session.loadedFiles().get(entity.name());
    if (read != null) {
      keys.addAll(read.records().keys());
    }
    for (Change change : session.changes().matching(entity.name())) {
      keys.add(change.key().text());
    }
    return keys;
  }

  private List<Entity> entities() {
    return new ArrayList<>(sessions.current().mapping().entities());
  }

  private void files(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    Path directory = sessions.current().workingDirectory();
    new FileNameCompleter() {
      @Override
      protected Path getUserDir() {
        return directory;
      }
    }.complete(reader, line, candidates);
  }

  private Set<String> firstWords() {
    Set<String> words = new TreeSet<>(List.of("exit", "quit"));
    registry.getCommands().forEach(c -> words.add(c.getName().split(" ")[0]));
    return words;
  }

  private Set<String> subCommands(String first) {
    Set<String> words = new TreeSet<>();
    for (Command c : registry.getCommands()) {
      String[] parts = c.getName().split(" ");
      if (parts.length > 1 && parts[0].equals(first)) {
        words.add(parts[1]);
      }
    }
    return words;
  }
}

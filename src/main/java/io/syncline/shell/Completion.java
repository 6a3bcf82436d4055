package io.syncline.shell;

import io.syncline.core.Change;
import io.syncline.core.Checkpoint;
import io.syncline.core.ChildList;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.Field;
import io.syncline.core.RecordKey;
import io.syncline.session.LoadedFiles;
import io.syncline.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 *   diff country/AW.&lt;TAB&gt;      field names: country/AW.name; child lists: epic/EP-7.tasks/
 *   diff epic/EP-7.tasks/&lt;TAB&gt;  the list's keys: epic/EP-7.tasks/T3, then its fields
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
   * its way to; below a record with child lists, {@code entity/key.list/} and on down the same way:
   * {@code epic/EP-7.tasks/T3.done}. An entity, a key or a list is offered without the trailing
   * space, so that {@code /} or {@code .} can follow.
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
    Map<String, String> keys = new TreeMap<>(); // the key as typed at this level → its whole text
    keys(entity).forEach(k -> keys.put(k, k));
    String shown = name + "/";
    String rest = typed.substring(slash + 1);
    Map<String, List<String>> childKeys = null;
    while (true) {
      String key = longestKeyBefore(keys.keySet(), rest);
      if (key == null) {
        int offered = 0;
        for (String own : keys.keySet()) {
          if (own.startsWith(rest) && offered++ < MAX_KEYS) {
            candidates.add(partial(shown + own));
          }
        }
        return;
      }
      String record = shown + key;
      String after = rest.substring(key.length() + 1);
      int listEnd = after.indexOf('/');
      ChildList list =
          listEnd < 0 ? null : entity.childList(after.substring(0, listEnd)).orElse(null);
      if (list == null) {
        fields(entity, record, candidates);
        return;
      }
      if (childKeys == null) {
        childKeys = sessions.current().childKeys(name, keys.get(key));
      }
      String parent = keys.get(key);
      entity = entityNamed(entity.name() + Entity.LEVEL + list.field());
      if (entity == null) {
        return;
      }
      keys.clear();
      for (String whole : childKeysOf(entity.name(), childKeys)) {
        if (whole.startsWith(parent + RecordKey.LEVEL)) {
          keys.put(whole.substring(parent.length() + 1), whole);
        }
      }
      shown = record + "." + list.field() + "/";
      rest = after.substring(listEnd + 1);
    }
  }

  /** The longest of {@code keys} that {@code typed} starts with, followed by a dot; or null. */
  private static String longestKeyBefore(Set<String> keys, String typed) {
    String found = null;
    for (String key : keys) {
      if (typed.startsWith(key + ".") && (found == null || key.length() > found.length())) {
        found = key;
      }
    }
    return found;
  }

  /**
   * The fields of {@code entity}'s record {@code record}, and its child lists, each followed by
   * {@code /}; a child record's parent key fields are left out, its id names them already.
   */
  private static void fields(Entity entity, String record, List<Candidate> candidates) {
    int parentKeys = entity.isChild() ? entity.parent().parentKeyFields() : 0;
    Set<String> skipped = new TreeSet<>(entity.key().subList(0, parentKeys));
    for (Field field : entity.fileFields()) {
      if (!skipped.contains(field.name()) && entity.childList(field.name()).isEmpty()) {
        candidates.add(new Candidate(record + "." + field.name()));
      }
    }
    for (ChildList list : entity.children()) {
      candidates.add(partial(record + "." + list.field() + "/"));
    }
  }

  /** A child entity's whole keys: those the files hold below the record, and those changes name. */
  private Set<String> childKeysOf(String childEntity, Map<String, List<String>> inFiles) {
    Set<String> keys = new TreeSet<>(inFiles.getOrDefault(childEntity, List.of()));
    for (Change change : sessions.current().changes().matching(childEntity)) {
      if (change.entity().equals(childEntity)) {
        keys.add(change.key().text());
      }
    }
    return keys;
  }

  /**
   * The entity as the last load settled it (a child's inferred fields are known from its diff), or
   * as the mapping names it.
   */
  private Entity entityNamed(String name) {
    Session session = sessions.current();
    for (EntityDiff diff : session.changes().diffs()) {
      if (diff.entity().name().equals(name)) {
        return diff.entity();
      }
    }
    return session.mapping().entity(name).orElse(null);
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
      if (change.entity().equals(entity.name())) { // not its children's, which it matches too
        keys.add(change.key().text());
      }
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

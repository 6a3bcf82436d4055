package io.syncline.shell;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Option;

/**
 * What {@code help} prints: the commands grouped in the order of a sync, each with its one-line
 * description, and {@code help COMMAND}: usage, arguments, options with their defaults, examples.
 * The words come from each command's annotations ({@code @Command}'s description, {@link Usage},
 * {@code @Option}); the order of the groups and of the commands in them is {@link #GROUPS}, here
 * and nowhere else.
 */
final class Manual {
  /** A heading of {@code help} and the commands under it, in the order listed. */
  record Group(String title, List<String> commands) {}

  /**
   * The loop a user goes through, top to bottom: connect and load, look and choose, carry out and
   * check, then what keeps it safe and repeatable. A new command goes into one of these (HelpTest
   * fails until it does).
   */
  static final List<Group> GROUPS =
      List.of(
          new Group("Connect and load", List.of("connect", "load")),
          new Group(
              "Look and choose",
              List.of("status", "diff", "stage", "unstage", "conflicts", "resolve")),
          new Group("Carry out and check", List.of("apply", "verify", "export", "enrich")),
          new Group("Restore points", List.of("checkpoint", "checkpoints", "rollback")),
          new Group("History", List.of("log", "log show", "journal save")),
          new Group("Databases", List.of("sql", "copy")),
          new Group(
              "Schema migrations",
              List.of("migrate", "migrate up", "migrate down", "migrate validate")),
          new Group("Mapping", List.of("mapping show", "mapping save", "mapping load")),
          new Group("Scripts", List.of("script", "system")),
          new Group("The shell", List.of("help", "clear", "exit")));

  /**
   * Other names of a command: Spring Shell registers {@code quit}, which the prompt takes as {@code
   * exit}.
   */
  static final Map<String, String> ALIASES = Map.of("quit", "exit");

  /**
   * {@code exit} is the prompt's own (see {@link Console}), not a registered command; {@code clear}
   * is Spring Shell's. Their usage is written here.
   */
  private static final Map<String, Entry> BUILT_IN =
      Map.of(
          "exit",
          new Entry(
              "exit",
              "Leave the prompt (so do quit and Ctrl-D); asks first if staged changes wait.",
              "exit [--force]",
              List.of(),
              List.of(new OptionHelp("--force", "leave without asking", "")),
              List.of("exit --force")),
          "clear",
          new Entry("clear", "Clear the screen.", "clear", List.of(), List.of(), List.of("clear")));

  /** One command's help. */
  record Entry(
      String name,
      String description,
      String synopsis,
      List<ArgumentHelp> arguments,
      List<OptionHelp> options,
      List<String> examples) {}

  /** A positional argument: its NAME in the synopsis, and what it is. */
  record ArgumentHelp(String name, String text) {}

  /** {@code defaultValue}: shown as {@code (default: X)} unless empty. */
  record OptionHelp(String name, String description, String defaultValue) {}

  private final CommandRegistry registry;
  private final Map<String, Method> methods;

  /**
   * @param methods the annotated method of each command, by its full name ({@code log show})
   */
  Manual(CommandRegistry registry, Map<String, Method> methods) {
    this.registry = registry;
    this.methods = methods;
  }

  /** {@code help}: the groups in order, a command and its description a line. */
  String overview() {
    int width = 0;
    for (Group group : GROUPS) {
      for (String name : group.commands()) {
        width = Math.max(width, name.length());
      }
    }
    StringBuilder out =
        new StringBuilder("Commands in the order of a sync; `help COMMAND` shows one in full.\n");
    for (Group group : GROUPS) {
      out.append('\n').append(group.title()).append('\n');
      for (String name : group.commands()) {
        Entry entry = entry(name);
        out.append("  ")
            .append(pad(name, width + 2))
            .append(entry == null ? "" : entry.description())
            .append('\n');
      }
    }
    out.append(
        "\nA SELECTOR names an entity, a record or a field: country, country/AW,"
            + " country/AW.name.");
    return out.toString();
  }

  /**
   * {@code help diff}:
   *
   * <pre>
   * diff: Show every difference, field by field, with its direction.
   *
   * usage: diff [SELECTOR] [--format table|unified|json] [--wide] [--limit N]
   *
   * arguments:
   *   SELECTOR  an entity, a record or a field: country, country/AW, country/AW.name; none: all
   *
   * options:
   *   --format  table, unified or json (default: table)
   *   ...
   *
   * example:
   *   diff country/AW --format json
   * </pre>
   *
   * A word that only begins commands ({@code help mapping}) lists those commands.
   */
  String command(String name) {
    Entry entry = entry(name);
    if (entry == null) {
      List<String> under =
          GROUPS.stream()
              .flatMap(group -> group.commands().stream())
              .filter(command -> command.startsWith(name + " "))
              .toList();
      if (under.isEmpty()) {
        throw Misuse.noHelpFor(name);
      }
      StringBuilder out = new StringBuilder();
      for (String command : under) {
        out.append(pad(command, 16)).append(entry(command).description()).append('\n');
      }
      return out.append("`help ").append(name).append(" SUBCOMMAND` shows one in full").toString();
    }
    StringBuilder out = new StringBuilder();
    out.append(entry.name()).append(": ").append(entry.description()).append("\n\n");
    out.append("usage: ").append(entry.synopsis()).append('\n');
    if (!entry.arguments().isEmpty()) {
      int width = entry.arguments().stream().mapToInt(a -> a.name().length()).max().orElse(0);
      out.append("\narguments:\n");
      for (ArgumentHelp argument : entry.arguments()) {
        out.append("  ")
            .append(pad(argument.name(), width + 2))
            .append(argument.text())
            .append('\n');
      }
    }
    if (!entry.options().isEmpty()) {
      int width = entry.options().stream().mapToInt(o -> o.name().length()).max().orElse(0);
      out.append("\noptions:\n");
      for (OptionHelp option : entry.options()) {
        out.append("  ")
            .append(pad(option.name(), width + 2))
            .append(option.description())
            .append(
                option.defaultValue().isEmpty() ? "" : " (default: " + option.defaultValue() + ")")
            .append('\n');
      }
    }
    if (!entry.examples().isEmpty()) {
      out.append(entry.examples().size() == 1 ? "\nexample:\n" : "\nexamples:\n");
    }
    entry.examples().forEach(example -> out.append("  ").append(example).append('\n'));
    return out.toString().stripTrailing();
  }

  /** The help of a command by its full name; null for none. */
  Entry entry(String name) {
    if (ALIASES.containsKey(name)) {
      return entry(ALIASES.get(name));
    }
    Method method = methods.get(name);
    Command registered = registry.getCommandByName(name);
    if (method == null || registered == null) {
      return BUILT_IN.get(name);
    }
    Usage usage = method.getAnnotation(Usage.class);
    if (usage == null) {
      return new Entry(
          name, registered.getDescription(), name, List.of(), options(method), List.of());
    }
    List<ArgumentHelp> arguments = new ArrayList<>();
    for (String argument : usage.arguments()) {
      int colon = argument.indexOf(": ");
      arguments.add(
          colon < 0
              ? new ArgumentHelp(argument, "")
              : new ArgumentHelp(argument.substring(0, colon), argument.substring(colon + 2)));
    }
    return new Entry(
        name,
        registered.getDescription(),
        usage.synopsis(),
        arguments,
        options(method),
        List.of(usage.examples()));
  }

  private static List<OptionHelp> options(Method method) {
    List<OptionHelp> options = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      Option option = parameter.getAnnotation(Option.class);
      if (option == null) {
        continue;
      }
      boolean flag = parameter.getType() == boolean.class || parameter.getType() == Boolean.class;
      options.add(
          new OptionHelp(
              "--" + option.longName(), option.description(), flag ? "" : option.defaultValue()));
    }
    return options;
  }

  /**
   * How many positional arguments the method takes: its {@code @Argument}s and {@code @Arguments}.
   */
  static long positionals(Method method) {
    return Arrays.stream(method.getParameters())
        .filter(
            p -> p.isAnnotationPresent(Argument.class) || p.isAnnotationPresent(Arguments.class))
        .count();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }
}

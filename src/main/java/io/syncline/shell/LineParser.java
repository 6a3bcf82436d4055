package io.syncline.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Splits a command line the way a shell user expects, replacing Spring Shell's parser, which knows
 * neither single quotes nor negative numbers as option values.
 *
 * <pre>
 *   load "my file.json" --key id        → load, argument "my file.json", option key=id
 *   resolve country/AW.pop --value -1   → option value=-1 (a value, not an option)
 *   resolve x --value '{"a": 1}'        → option value={"a": 1}
 *   sql SELECT * FROM t WHERE a > -5    → sql, one argument: the rest of the line, verbatim
 *   system cp a.yml b.yml               → system, likewise
 *   apply --dry-run                     → boolean option dry-run=true
 *   mapping show                        → command "mapping show"
 *   copy --where a:x=1 --where b:y=2    → option where="a:x=1\nb:y=2" (repeats, one per line)
 * </pre>
 */
public final class LineParser implements CommandParser {
  /** Commands whose whole remainder is one argument. */
  private static final Set<String> RAW = Set.of("sql", "system");

  private final CommandRegistry registry;

  public LineParser(CommandRegistry registry) {
    this.registry = registry;
  }

  /** Whether the command takes the rest of its line, as typed, as its one argument. */
  static boolean takesRestOfLine(String command) {
    return RAW.contains(command);
  }

  @Override
  public ParsedInput parse(String input) {
    String line = input.strip();
    List<String> words = words(line);
    if (words.isEmpty()) {
      throw Misuse.emptyCommand();
    }
    ParsedInput.Builder parsed = ParsedInput.builder().commandName(words.get(0));
    if (RAW.contains(words.get(0))) {
      String rest = line.substring(words.get(0).length()).strip();
      if (!rest.isEmpty()) {
        parsed.addArgument(new CommandArgument(0, unquoteWhole(rest)));
      }
      return parsed.build();
    }
    int next = 1;
    String name = words.get(0);
    while (next < words.size()
        && !registry.getCommandsByPrefix(name + " " + words.get(next)).isEmpty()
        && !words.get(next).startsWith("-")) {
      name = name + " " + words.get(next);
      parsed.addSubCommand(words.get(next));
      next++;
    }
    int argument = 0;
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = next; i < words.size(); i++) {
      String word = words.get(i);
      if (word.startsWith("--") && word.length() > 2) {
        String option = word.substring(2);
        String value;
        int equals = option.indexOf('=');
        if (equals >= 0) {
          value = option.substring(equals + 1);
          option = option.substring(0, equals);
        } else if (isBoolean(name, option)) {
          value = "true";
        } else if (i + 1 < words.size()) {
          value = words.get(++i);
        } else {
          throw Misuse.optionNeedsValue(option);
        }
        // A repeated option (copy's --where) reaches the command as its values, one per line.
        options.merge(option, value, (first, more) -> first + "\n" + more);
      } else {
        parsed.addArgument(new CommandArgument(argument++, word));
      }
    }
    options.forEach(
        (option, value) ->
            parsed.addOption(CommandOption.with().longName(option).value(value).build()));
    return parsed.build();
  }

  private boolean isBoolean(String command, String option) {
    var found = registry.getCommandByName(command);
    if (found == null) {
      return false;
    }
    return found.getOptions().stream()
        .filter(o -> option.equals(o.longName()))
        .anyMatch(o -> o.type() == boolean.class || o.type() == Boolean.class);
  }

  /** Words split on blanks; single and double quotes group, backslash escapes inside quotes. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw Misuse.unclosedQuote(quote);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static String unquoteWhole(String text) {
    if (text.length() >= 2
        && (text.startsWith("\"")
            && text.endsWith("\"")
            && text.indexOf('"', 1) == text.length() - 1)) {
      return text.substring(1, text.length() - 1);
    }
    return text;
  }
}

package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.SynclineException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.Option;

/**
 * {@code help} and {@code help COMMAND} run through the dispatcher, as typed at the prompt; and
 * every command registered has its description, usage, example and place in a group, so that a new
 * command without help fails here.
 */
@SpringBootTest(properties = "syncline.console.enabled=false")
class HelpTest {
  @Autowired Dispatcher dispatcher;
  @Autowired CommandRegistry registry;
  @Autowired HelpCommands help;

  String run(String line) {
    StringWriter out = new StringWriter();
    dispatcher.run(line, new PrintWriter(out, true));
    return out.toString();
  }

  @Test
  void helpListsTheCommandsGroupedInTheOrderOfASyncEachWithItsDescription() {
    String listed = run("help");

    List<String> inOrder = new ArrayList<>();
    Manual.GROUPS.forEach(g -> inOrder.add("\n" + g.title() + "\n"));
    assertThat(listed).containsSubsequence(inOrder);
    assertThat(listed)
        .containsSubsequence(
            "\n  connect ",
            "\n  load ",
            "\n  diff ",
            "\n  stage ",
            "\n  unstage ",
            "\n  conflicts ",
            "\n  resolve ",
            "\n  apply ",
            "\n  verify ",
            "\n  export ",
            "\n  checkpoint ",
            "\n  rollback ",
            "\n  log ",
            "\n  journal save ",
            "\n  sql ",
            "\n  copy ",
            "\n  migrate ",
            "\n  migrate up ",
            "\n  migrate down ",
            "\n  migrate validate ",
            "\n  mapping show ",
            "\n  script ",
            "\n  help ",
            "\n  exit ");
    assertThat(listed)
        .contains(
            "  diff              Show every difference, field by field, with its direction.\n");
    assertThat(listed).doesNotContain("[Optional").doesNotContain("Built-In Commands");
  }

  @Test
  void helpOfACommandGivesItsSynopsisArgumentsOptionsWithTheirDefaultsAndAnExample() {
    String diff = run("help diff");

    assertThat(diff)
        .startsWith("diff: Show every difference, field by field, with its direction.\n")
        .contains("\nusage: diff [SELECTOR] [--format table|unified|json] [--wide] [--limit N]\n")
        .contains("\narguments:\n  SELECTOR  an entity, a record or a field")
        .contains("\n  --format  table, unified or json (default: table)\n")
        .contains("\n  --wide    show long values whole\n")
        .contains("\n  --limit   rows at most; 0: all (default: 200)\n")
        .contains("\nexamples:\n  diff\n  diff country/AW --format json")
        .doesNotContain("[Optional")
        .doesNotContain("default = ")
        .doesNotContain("(default: )")
        .doesNotContain("(default: false)");
    assertThat(run("help log show"))
        .contains("usage: log show ID [--format text|json]\n")
        .contains("  ID  a sync's id");
    assertThat(run("help exit")).contains("usage: exit [--force]\n");
    assertThat(run("diff --help")).isEqualTo(diff);
    assertThat(run("log show -h")).startsWith("log show: ");
  }

  @Test
  void helpOfAWordThatBeginsCommandsListsThem() {
    assertThat(run("help mapping").strip())
        .contains("mapping show ", "mapping save ", "mapping load ")
        .endsWith("`help mapping SUBCOMMAND` shows one in full");
  }

  @Test
  void helpOfAnUnknownCommandSaysSo() {
    assertThatThrownBy(() -> run("help frobnicate"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("no command `frobnicate`; `help` lists the commands");
  }

  @Test
  void everyCommandHasADescriptionAUsageAnExampleAndAPlaceInAGroup() {
    List<String> grouped = Manual.GROUPS.stream().flatMap(g -> g.commands().stream()).toList();
    Map<String, Method> methods = help.methods();
    SoftAssertions softly = new SoftAssertions();
    for (Command command : registry.getCommands()) {
      String name = Manual.ALIASES.getOrDefault(command.getName(), command.getName());
      softly.assertThat(grouped).as("the group of " + name + " in Manual.GROUPS").contains(name);
      softly.assertThat(command.getDescription()).as("the description of " + name).isNotBlank();
      Method method = methods.get(name);
      if (method == null) {
        continue; // Spring Shell's clear: its usage is in Manual
      }
      Usage usage = method.getAnnotation(Usage.class);
      softly.assertThat(usage).as("@Usage on " + name).isNotNull();
      if (usage == null) {
        continue;
      }
      softly.assertThat(usage.examples()).as("examples of " + name).isNotEmpty();
      for (String example : usage.examples()) {
        softly.assertThat(example).as("an example of " + name).startsWith(name);
      }
      softly
          .assertThat(usage.synopsis())
          .as("the synopsis of " + name)
          .startsWith(name)
          .doesNotContain("  ");
      Matcher format = Pattern.compile("--format ([a-z|]+)").matcher(usage.synopsis());
      if (format.find()) {
        softly
            .assertThat(Completion.formats(name))
            .as("TAB's values for " + name + " --format")
            .containsExactly(format.group(1).split("\\|"));
      }
      softly
          .assertThat((long) usage.arguments().length)
          .as("arguments described for " + name)
          .isEqualTo(Manual.positionals(method));
      for (String argument : usage.arguments()) {
        String argumentName = argument.substring(0, Math.max(0, argument.indexOf(": ")));
        softly
            .assertThat(argumentName)
            .as("the NAME: text of an argument of " + name)
            .matches("[A-Z]+");
        softly
            .assertThat(usage.synopsis())
            .as("the synopsis of " + name + " names its argument")
            .containsPattern("\\b" + argumentName + "\\b");
      }
      List<String> options = new ArrayList<>();
      for (Parameter parameter : method.getParameters()) {
        Option option = parameter.getAnnotation(Option.class);
        if (option != null) {
          options.add("--" + option.longName());
          softly
              .assertThat(option.description())
              .as("the description of " + name + " --" + option.longName())
              .isNotBlank();
        }
      }
      Matcher inSynopsis = Pattern.compile("--[a-z-]+").matcher(usage.synopsis());
      List<String> named = new ArrayList<>();
      while (inSynopsis.find()) {
        named.add(inSynopsis.group());
      }
      softly
          .assertThat(named)
          .as("the options in the synopsis of " + name)
          .containsExactlyInAnyOrderElementsOf(options);
    }
    for (String name : grouped) {
      softly
          .assertThat(registry.getCommandByName(name) != null || name.equals("exit"))
          .as(name + " in Manual.GROUPS is a command")
          .isTrue();
    }
    softly.assertAll();
  }

  @Test
  void theGroupsListEachCommandOnce() {
    List<String> grouped = Manual.GROUPS.stream().flatMap(g -> g.commands().stream()).toList();
    assertThat(grouped).doesNotHaveDuplicates();
    assertThat(Arrays.asList("connect", "load", "diff")).isSubsetOf(grouped);
  }
}

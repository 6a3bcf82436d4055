package io.syncline.shell;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * {@code help} and {@code help COMMAND}, in place of Spring Shell's (turned off in {@code
 * application.properties}), which lists commands in no order, leaves out positional arguments and
 * prints {@code [Optional, default = ]} for every option. See {@link Manual}.
 */
@Component
public class HelpCommands {
  private final ListableBeanFactory beans;
  private Map<String, Method> methods;

  public HelpCommands(ListableBeanFactory beans) {
    this.beans = beans;
  }

  @Command(
      name = "help",
      description = "List the commands, or show one in full: usage, arguments, options, examples.")
  @Usage(
      synopsis = "help [COMMAND]",
      arguments = "COMMAND: a command's name: diff, log show, mapping",
      examples = {"help", "help load"})
  public String help(@Arguments List<String> words, CommandContext context) {
    Manual manual = new Manual(context.commandRegistry(), methods());
    return words == null || words.isEmpty()
        ? manual.overview()
        : manual.command(String.join(" ", words));
  }

  /**
   * The method behind each annotated command, by its full name: found from the bean definitions'
   * types, without creating a bean; the same methods Spring Shell registered the commands from.
   */
  synchronized Map<String, Method> methods() {
    if (methods == null) {
      Map<String, Method> found = new HashMap<>();
      for (String name : beans.getBeanDefinitionNames()) {
        Class<?> type = beans.getType(name, false);
        if (type == null) {
          continue;
        }
        for (Method method : ClassUtils.getUserClass(type).getMethods()) {
          Command command = method.getAnnotation(Command.class);
          if (command != null) {
            found.put(String.join(" ", command.name()), method);
          }
        }
      }
      methods = Map.copyOf(found);
    }
    return methods;
  }
}

package io.syncline.shell;

import io.syncline.core.ChildList;
import io.syncline.core.ChildListGuess;
import io.syncline.core.Mapping;
import io.syncline.session.Journal;
import io.syncline.session.Session;
import java.nio.file.Path;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The effective mapping, shown as the YAML that would reproduce it. */
@Component
public class MappingCommands {
  private final Sessions sessions;

  public MappingCommands(Sessions sessions) {
    this.sessions = sessions;
  }

  @Command(
      name = {"mapping", "show"},
      description = "Print the effective mapping as YAML; `mapping save` writes it to a file.")
  @Usage(synopsis = "mapping show", examples = "mapping show")
  public String show() {
    String source =
        sessions
            .current()
            .mappingSource()
            .map(s -> "# from " + s + " and what load inferred\n")
            .orElse("# inferred by load; `mapping save` keeps it as syncline.yml\n");
    return source + sessions.current().mappingYaml() + childHints(sessions.current());
  }

  /**
   * Comments naming the lists of objects kept as JSON that could be child tables, and the two ways
   * to ask for that:
   *
   * <pre>
   * # epics.tasks holds lists of objects, kept as JSON. To keep them as a child table
   * # (each element keyed by task_key within its epics record):
   * #   load 'epics/*.json' --children tasks
   * #   or under epics in syncline.yml: children: {tasks: {key: task_key}}
   * </pre>
   */
  static String childHints(Session session) {
    StringBuilder out = new StringBuilder();
    session
        .childCandidates()
        .forEach(
            (entity, lists) -> {
              String files = session.mapping().entity(entity).orElseThrow().files();
              for (ChildListGuess.Candidate list : lists) {
                String field = list.field();
                if (!list.clashes().isEmpty()) {
                  out.append("\n# ")
                      .append(entity)
                      .append('.')
                      .append(field)
                      .append(" holds lists of objects, kept as JSON. Its elements have a field ")
                      .append(String.join(", ", list.clashes()))
                      .append(",\n# which a child table of ")
                      .append(entity)
                      .append(" keeps for ")
                      .append(
                          list.clashes().contains(ChildList.DEFAULT_ORDER)
                                  && list.clashes().size() == 1
                              ? "the element's place in the list"
                              : "the key of its " + entity + " record")
                      .append(", so it stays JSON");
                  continue;
                }
                out.append("\n# ")
                    .append(entity)
                    .append('.')
                    .append(field)
                    .append(
                        " holds lists of objects, kept as JSON. To keep them as a child table\n")
                    .append(
                        list.key().isEmpty()
                            ? "# (each element known by its place in the list):\n"
                            : "# (each element keyed by "
                                + list.key().get(0)
                                + " within its "
                                + entity
                                + " record):\n")
                    .append("#   load ")
                    .append(files.contains("*") ? "'" + files + "'" : Journal.quote(files))
                    .append(" --children ")
                    .append(field)
                    .append("\n#   or under ")
                    .append(entity)
                    .append(" in syncline.yml: children: {")
                    .append(field)
                    .append(list.key().isEmpty() ? ": {}" : ": {key: " + list.key().get(0) + "}")
                    .append('}');
              }
            });
    return out.toString();
  }

  @Command(
      name = {"mapping", "save"},
      description =
          "Write the effective mapping to a file (default syncline.yml) that `mapping load` reads"
              + " back.")
  @Usage(
      synopsis = "mapping save [FILE] [--force]",
      arguments = "FILE: where to write it; none: syncline.yml in the working directory",
      examples = {"mapping save", "mapping save sync/geo.yml --force"})
  public String save(
      @Argument(index = 0, defaultValue = "") String file,
      @Option(longName = "force", description = "replace the file if it exists") boolean force) {
    Path written = sessions.current().saveMapping(file, force);
    Mapping mapping = sessions.current().mapping();
    return "mapping saved to "
        + sessions.current().workingDirectory().relativize(written)
        + ": "
        + entities(mapping);
  }

  @Command(
      name = {"mapping", "load"},
      description = "Use a mapping file (replaces what is loaded).")
  @Usage(
      synopsis = "mapping load FILE",
      arguments = "FILE: a mapping file, such as `mapping save` writes",
      examples = "mapping load sync/geo.yml")
  public String load(@Argument(index = 0) String file) {
    Mapping mapping = sessions.current().loadMapping(file);
    return "mapping from " + file + ": " + entities(mapping);
  }

  /** "no entities", "1 entity (country)", "2 entities (country, subdivision)". */
  private static String entities(Mapping mapping) {
    int count = mapping.entities().size();
    if (count == 0) {
      return "no entities"; // a mapping that only names a database or migrations
    }
    return count
        + (count == 1 ? " entity (" : " entities (")
        + String.join(", ", mapping.entities().stream().map(e -> e.name()).toList())
        + ")";
  }
}

package io.syncline.state;

import io.syncline.sql.Dialect;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statements of Syncline's own tables as the connected database spells them. Each store writes
 * a statement once, as SQL with its table and column names in braces, and this quotes the names as
 * the dialect does:
 *
 * <pre>
 *   SELECT {id} FROM {syncline_log} WHERE {run_id} = ?
 *     SQLite, H2, PostgreSQL:  SELECT "id" FROM "syncline_log" WHERE "run_id" = ?
 *     MariaDB:                 SELECT `id` FROM `syncline_log` WHERE `run_id` = ?
 * </pre>
 *
 * <p>The names are the stores' own, written in the code (never a user's), and none of the
 * statements holds a brace of its own, so a brace is always a name.
 */
final class StoreSql {
  private static final Pattern NAME = Pattern.compile("\\{([a-z_]+)}");

  private final Dialect dialect;

  StoreSql(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The template with each {@code {name}} quoted. */
  String spell(String template) {
    Matcher name = NAME.matcher(template);
    StringBuilder sql = new StringBuilder();
    while (name.find()) {
      name.appendReplacement(sql, Matcher.quoteReplacement(dialect.quote(name.group(1))));
    }
    return name.appendTail(sql).toString();
  }

  /** {@code INSERT INTO {table} ({a}, {b}) VALUES (?, ?)}: one row of the columns, in order. */
  String insert(String table, List<String> columns) {
    return spell(
        "INSERT INTO {"
            + table
            + "} ("
            + names(columns)
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")");
  }

  /** {@code {a}, {b}}: the columns as a template's list, for a select or an insert. */
  static String names(List<String> columns) {
    return columns.stream().map(column -> "{" + column + "}").collect(Collectors.joining(", "));
  }
}

package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.Mapping;
import io.syncline.core.SynclineException;
import io.syncline.formats.MappingFile;
import io.syncline.sql.Database;
import java.util.Optional;

/**
 * The names an entity gives the database, its table and its fields' columns, checked at {@code
 * load} before any SQL runs: PostgreSQL cuts a name over 63 bytes with only a notice, so the first
 * apply succeeds and every later one looks for a column that has another name.
 */
final class SqlNames {
  /** How much of a long name a message shows. */
  private static final int SHOWN = 24;

  private SqlNames() {}

  /** Refuses an entity whose table is another entity's, as the database compares table names. */
  static void refuseSharedTable(Mapping mapping, Entity entity, Database database) {
    Optional<Entity> sharing = mapping.sharingTable(entity, database::sameTable);
    if (sharing.isPresent()) {
      throw new SynclineException.Usage(
          MappingFile.sharedTable(sharing.get(), entity)
              + "; give "
              + entity.name()
              + " a table of its own (load ... --table NAME, or table: in syncline.yml);"
              + " nothing was changed");
    }
  }

  /**
   * Refuses the first table or column name the database would not keep as given, naming the entity,
   * the field and the reason: {@code country: field `xxx…` is 70 bytes; PostgreSQL keeps
   * identifiers up to 63 bytes; map it to a shorter column with `column:` in syncline.yml}.
   */
  static void refuseUnkept(Entity entity, Database database) {
    Optional<String> table = database.identifierProblem(entity.table());
    if (table.isPresent()) {
      throw new SynclineException(
          entity.name()
              + ": table "
              + shown(entity.table())
              + " "
              + table.get()
              + "; "
              + anotherTable(entity)
              + "; nothing was changed");
    }
    for (Field field : entity.fields()) {
      Optional<String> column = database.identifierProblem(field.column());
      if (column.isPresent()) {
        String which =
            field.column().equals(field.name())
                ? "field " + shown(field.name())
                : "field " + shown(field.name()) + ": column " + shown(field.column());
        throw new SynclineException(
            entity.name()
                + ": "
                + which
                + " "
                + column.get()
                + "; map the field to another column with `column:` in syncline.yml"
                + " (fields: {NAME: {column: SHORTER}}); nothing was changed");
      }
    }
  }

  /** How to give the entity another table: a child list's is named under its parent's list. */
  private static String anotherTable(Entity entity) {
    if (entity.parent() == null) {
      return "name another table (load ... --table NAME, or table: in syncline.yml)";
    }
    return "name another table for the list in syncline.yml (children: {"
        + entity.parent().field()
        + ": {table: NAME}} under "
        + entity.parent().entity()
        + ")";
  }

  /**
   * The name in backticks, cut after {@value #SHOWN} characters, with control characters as {@code
   * \\uXXXX} so a NUL shows and a name stays on one line.
   */
  static String shown(String name) {
    StringBuilder out = new StringBuilder("`");
    int[] points = name.codePoints().toArray();
    for (int i = 0; i < Math.min(points.length, SHOWN); i++) {
      int c = points[i];
      if (Character.isISOControl(c) || (c <= 0xFFFF && Character.isSurrogate((char) c))) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.append(points.length > SHOWN ? "…`" : "`").toString();
  }
}

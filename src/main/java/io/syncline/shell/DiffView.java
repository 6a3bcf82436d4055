package io.syncline.shell;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Change;
import io.syncline.core.ChangeKind;
import io.syncline.core.ChangeSet;
import io.syncline.core.Direction;
import io.syncline.core.Resolution;
import io.syncline.core.SchemaChange;
import io.syncline.core.Side;
import io.syncline.core.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the change set. One line per change, columns aligned:
 *
 * <pre>
 * [x] country/AW.name       update    to-db    "Aruba" → "Aruba!"
 * [ ] country/BE            insert    to-file  {"code": "BE", "name": "Belgium"}
 * [!] country/FR.name       conflict           ((( "France" ))) "France!" /// "Frankrijk"
 * [=] country/DE.name       conflict  take db  ((( "Germany" ))) "Deutschland" /// "Allemagne"
 * [x] country/NL.meta       merge     both     {"a": 2, "b": 1} + {"a": 1, "b": 3} → {"a": 2, "b": 3}
 * </pre>
 *
 * {@code [x]} staged, {@code [ ]} not staged, {@code [!]} a conflict waiting for {@code resolve},
 * {@code [=]} a resolved conflict. Old → new reads in the change's direction: for to-db the
 * database's value becomes the file's.
 */
final class DiffView {
  private static final int NARROW = 60;
  private final ChangeSet changes;
  private final Style style;
  private final boolean wide;

  DiffView(ChangeSet changes, Style style, boolean wide) {
    this.changes = changes;
    this.style = style;
    this.wide = wide;
  }

  String table(String selector, int limit) {
    List<Change> all = selector == null ? changes.changes() : changes.matching(selector);
    if (selector != null && all.isEmpty()) {
      throw new io.syncline.core.SynclineException.Usage("no change matches " + selector);
    }
    List<Change> shown = limit > 0 && all.size() > limit ? all.subList(0, limit) : all;
    List<String[]> rows = new ArrayList<>();
    if (selector == null) {
      for (SchemaChange schema : changes.schema()) {
        rows.add(
            new String[] {"[x]", schema.entity().name(), "schema", "to-db", schema.describe()});
      }
    }
    for (Change c : shown) {
      rows.add(row(c));
    }
    if (rows.isEmpty()) {
      return "no differences"
          + (changes.hasSettlements() ? " (apply records the agreed state as the base)" : "");
    }
    String more =
        shown.size() < all.size()
            ? "… "
                + (all.size() - shown.size())
                + " more; `diff ENTITY/KEY` narrows, `--limit 0` shows all\n"
            : "";
    return align(rows) + "\n" + more + Views.summaryLine(changes);
  }

  String conflicts() {
    List<String[]> rows = new ArrayList<>();
    for (Change c : changes.changes()) {
      if (c.isConflict()) {
        rows.add(row(c));
      }
    }
    if (rows.isEmpty()) {
      return "no conflicts";
    }
    return align(rows)
        + "\n"
        + "((( base ))) file /// database; `resolve SELECTOR --take file|db|base` or `--value JSON` decides one";
  }

  private String[] row(Change c) {
    String mark;
    String direction;
    if (c.isConflict()) {
      Resolution r = changes.resolution(c).orElse(null);
      mark = r == null ? "[!]" : changes.isStaged(c) ? "[=]" : "[ ]";
      direction = r == null ? "" : r.take() == null ? "value" : "take " + label(r.take());
    } else {
      mark = changes.isStaged(c) ? "[x]" : "[ ]";
      direction = c.direction() == null ? "both" : c.direction().label();
    }
    return new String[] {mark, c.id(), c.kind().label(), direction, values(c)};
  }

  private String values(Change c) {
    if (c.isConflict()) {
      return "((( "
          + show(c, Side.BASE)
          + " ))) "
          + show(c, Side.FILE)
          + " /// "
          + show(c, Side.DATABASE);
    }
    if (c.kind() == ChangeKind.MERGE) {
      return show(c, Side.FILE) + " + " + show(c, Side.DATABASE) + " → " + cut(merged(c));
    }
    if (c.kind() == ChangeKind.INSERT) {
      return show(c, c.direction() == Direction.TO_DATABASE ? Side.FILE : Side.DATABASE);
    }
    if (c.kind() == ChangeKind.DELETE) {
      return "was " + show(c, c.direction() == Direction.TO_DATABASE ? Side.DATABASE : Side.FILE);
    }
    Side from = c.direction() == Direction.TO_DATABASE ? Side.DATABASE : Side.FILE;
    Side to = c.direction() == Direction.TO_DATABASE ? Side.FILE : Side.DATABASE;
    return show(c, from) + " → " + show(c, to);
  }

  private String show(Change c, Side side) {
    String text = c.text(side);
    if (text == null) {
      return side == Side.BASE ? "none" : "(absent)";
    }
    Value value = CanonicalJson.parse(text);
    if (c.field() == null && value instanceof Value.Obj record) {
      value = inMappingOrder(c.entity(), record);
    }
    return cut(value.display());
  }

  private String cut(String shown) {
    return wide || shown.length() <= NARROW ? shown : shown.substring(0, NARROW - 1) + "…";
  }

  private static String merged(Change c) {
    return CanonicalJson.parse(c.merged()).display();
  }

  /** A whole record's fields in the mapping's order (key first, as in the file), not sorted. */
  private Value inMappingOrder(String entityName, Value.Obj record) {
    java.util.Map<String, Value> ordered = new java.util.LinkedHashMap<>();
    changes.diffs().stream()
        .filter(d -> d.entity().name().equals(entityName))
        .findFirst()
        .ifPresent(
            d ->
                d.entity()
                    .fields()
                    .forEach(
                        f -> {
                          Value v = record.fields().get(f.name());
                          if (v != null) {
                            ordered.put(f.name(), v);
                          }
                        }));
    record.fields().forEach(ordered::putIfAbsent);
    return new Value.Obj(ordered);
  }

  private String align(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = i < columns - 1 ? pad(row[i], width[i]) + "  " : row[i];
        line.append(colour(row, i, cell));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString().stripTrailing();
  }

  private String colour(String[] row, int column, String cell) {
    if (column == 3 && row[3].startsWith("to-db")) {
      return style.toDatabase(cell);
    }
    if (column == 3 && row[3].startsWith("to-file")) {
      return style.toFile(cell);
    }
    if (column == 0 && row[0].equals("[!]")) {
      return style.conflict(cell);
    }
    return cell;
  }

  String unified(String selector) {
    List<Change> shown = selector == null ? changes.changes() : changes.matching(selector);
    StringBuilder out = new StringBuilder();
    for (Change c : shown) {
      out.append("@@ ").append(c.id()).append(' ').append(c.kind().label());
      if (c.direction() != null) {
        out.append(' ').append(c.direction().label());
      }
      out.append(changes.isStaged(c) ? "" : " (not staged)").append(" @@\n");
      if (c.kind() == ChangeKind.MERGE) {
        out.append("  file:   ").append(show(c, Side.FILE)).append('\n');
        out.append("  db:     ").append(show(c, Side.DATABASE)).append('\n');
        out.append(style.toDatabase("+ both: " + cut(merged(c)))).append('\n');
      } else if (c.isConflict()) {
        out.append("  base: ").append(show(c, Side.BASE)).append('\n');
        out.append("  file: ").append(show(c, Side.FILE)).append('\n');
        out.append("  db:   ").append(show(c, Side.DATABASE)).append('\n');
      } else {
        Side from = c.direction() == Direction.TO_DATABASE ? Side.DATABASE : Side.FILE;
        Side to = c.direction() == Direction.TO_DATABASE ? Side.FILE : Side.DATABASE;
        if (c.text(from) != null) {
          out.append(style.error("- " + show(c, from))).append('\n');
        }
        if (c.text(to) != null) {
          out.append(style.toDatabase("+ " + show(c, to))).append('\n');
        }
      }
    }
    return out.length() == 0 ? "no differences" : out.toString().stripTrailing();
  }

  /**
   * A JSON array, one object per change: {@code entity, key, field, kind, direction, staged, file,
   * db, base} (values as JSON, null where absent; direction null for a conflict).
   */
  static String json(ChangeSet changes, String selector) {
    List<Change> shown = selector == null ? changes.changes() : changes.matching(selector);
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < shown.size(); i++) {
      Change c = shown.get(i);
      out.append(i == 0 ? "\n  {" : ",\n  {");
      field(out, "entity", new Value.Text(c.entity()).canonical(), true);
      field(out, "key", new Value.Text(c.key()).canonical(), false);
      field(
          out, "field", c.field() == null ? "null" : new Value.Text(c.field()).canonical(), false);
      field(out, "kind", new Value.Text(c.kind().label()).canonical(), false);
      field(
          out,
          "direction",
          c.direction() == null ? "null" : new Value.Text(c.direction().label()).canonical(),
          false);
      field(out, "staged", String.valueOf(changes.isStaged(c)), false);
      field(out, "file", orNull(c.file()), false);
      field(out, "db", orNull(c.database()), false);
      field(out, "base", orNull(c.base()), false);
      out.append('}');
    }
    return out.append(shown.isEmpty() ? "]" : "\n]").toString();
  }

  private static void field(StringBuilder out, String name, String json, boolean first) {
    out.append(first ? "" : ", ").append('"').append(name).append("\": ").append(json);
  }

  private static String orNull(String text) {
    return text == null ? "null" : text;
  }

  private static String label(Side side) {
    return switch (side) {
      case BASE -> "base";
      case FILE -> "file";
      case DATABASE -> "db";
    };
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}

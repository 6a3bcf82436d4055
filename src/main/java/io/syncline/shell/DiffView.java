package io.syncline.shell;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Change;
import io.syncline.core.ChangeKind;
import io.syncline.core.ChangeSet;
import io.syncline.core.ChildList;
import io.syncline.core.Direction;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.RecordKey;
import io.syncline.core.Resolution;
import io.syncline.core.SchemaChange;
import io.syncline.core.Side;
import io.syncline.core.Value;
import io.syncline.core.ValueDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the change set. One line per change, columns aligned:
 *
 * <pre>
 * [x] country/AW.name       update    to-db    "Aruba" → "Aruba!"
 * [ ] country/BE            insert    to-file  {"code": "BE", "name": "Belgium"}
 * [!] country/FR.name       conflict           ((( "France" ))) "France!" /// "Frankrijk"
 * [=] country/DE.name       conflict  take db  ((( "Germany" ))) "Deutschland" /// "Allemagne" → "Allemagne"
 * [=] country/BE.name       conflict  typed    ((( "Belgium" ))) "Belgie" /// "Belgique" → "België"
 * [x] country/NL.meta       merge     both     {"a": 2, "b": 1} + {"a": 1, "b": 3} → {"a": 2, "b": 3}
 * [!] season/2020.matches   conflict           matches[5].score: ((( "1-0" ))) "2-1" /// "1-1"
 * </pre>
 *
 * {@code [x]} staged, {@code [ ]} not staged, {@code [!]} a conflict waiting for {@code resolve},
 * {@code [=]} a resolved conflict, with the side its value was taken from ({@code typed}: given
 * with {@code resolve --value} or edited in the stepper) and, after {@code →}, the value decided.
 * Old → new reads in the change's direction: for to-db the database's value becomes the file's. A
 * conflict inside a JSON object or list shows the path where the sides disagree and the values
 * there, not the whole values. A long value is cut where the line's values first differ.
 */
final class DiffView {
  /** Outside a terminal, each value is cut at this many characters. */
  private static final int NARROW = 60;

  /**
   * At the prompt, a cut value keeps at least this many columns (`"Ar…`), even if the line wraps.
   */
  private static final int SHORTEST = 4;

  static final String CUT_HINT = "values ending in … are cut to fit; `--wide` shows them whole";

  private final ChangeSet changes;
  private final Style style;
  private final boolean wide;
  private final int width;
  private boolean cut;

  /** Values cut at {@link #NARROW} characters each unless {@code wide}: scripts, pipes. */
  DiffView(ChangeSet changes, Style style, boolean wide) {
    this(changes, style, wide, 0);
  }

  /**
   * {@code width}: the terminal's columns at the prompt (0: none). Then each line is cut to fit it
   * instead, the values sharing what the other columns leave, and a line after the table says so.
   */
  DiffView(ChangeSet changes, Style style, boolean wide, int width) {
    this.changes = changes;
    this.style = style;
    this.wide = wide;
    this.width = wide ? 0 : width;
  }

  /**
   * A value column is text and values in turn: {@code ((( "France" ))) "France!" /// "Frankrijk"}
   * is three values held together by fixed text; only values are cut.
   */
  private record Part(String text, boolean value) {
    static Part fixed(String text) {
      return new Part(text, false);
    }

    static Part value(String text) {
      return new Part(text, true);
    }
  }

  /** The four short columns, and the parts of the value column. */
  private record Row(String[] cells, List<Part> values) {}

  String table(String selector, int limit) {
    List<Change> all = selector == null ? changes.changes() : changes.matching(selector);
    if (selector != null && all.isEmpty()) {
      throw Misuse.noChangeMatches(selector);
    }
    List<Change> shown = limit > 0 && all.size() > limit ? all.subList(0, limit) : all;
    List<Row> rows = new ArrayList<>();
    if (selector == null) {
      for (SchemaChange schema : changes.schema()) {
        rows.add(
            new Row(
                new String[] {"[x]", schema.entity().name(), "schema", "to-db"},
                List.of(Part.value(schema.describe()))));
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
    String table = align(rows);
    return table + "\n" + hint() + more + Views.summaryLine(changes);
  }

  /** The line saying values were cut, at the prompt, when any was. */
  private String hint() {
    return cut && width > 0 ? style.faint(CUT_HINT) + "\n" : "";
  }

  String conflicts() {
    List<Row> rows = new ArrayList<>();
    for (Change c : changes.changes()) {
      if (c.isConflict()) {
        rows.add(row(c));
      }
    }
    if (rows.isEmpty()) {
      return "no conflicts";
    }
    String table = align(rows);
    return table
        + "\n"
        + hint()
        + "((( base ))) file /// database; `resolve SELECTOR --take file|db|base` or `--value JSON` decides one";
  }

  private Row row(Change c) {
    String mark;
    String direction;
    if (c.isConflict()) {
      Resolution r = changes.resolution(c).orElse(null);
      mark = r == null ? "[!]" : changes.isStaged(c) ? "[=]" : "[ ]";
      direction = r == null ? "" : r.take() == null ? from(r) : "take " + from(r);
    } else {
      mark = changes.isStaged(c) ? "[x]" : "[ ]";
      direction = c.direction() == null ? "both" : c.direction().label();
    }
    return new Row(new String[] {mark, c.id(), c.kind().label(), direction}, values(c));
  }

  private List<Part> values(Change c) {
    if (c.isConflict()) {
      List<ValueDiff.Difference> at = conflictsInside(c);
      List<Part> parts = new ArrayList<>();
      if (at.isEmpty()) {
        parts.addAll(
            List.of(
                Part.fixed("((( "),
                Part.value(show(c, Side.BASE)),
                Part.fixed(" ))) "),
                Part.value(show(c, Side.FILE)),
                Part.fixed(" /// "),
                Part.value(show(c, Side.DATABASE))));
      } else {
        // Inside a long list the whole values say little: the values where the sides disagree.
        ValueDiff.Difference first = at.get(0);
        parts.addAll(
            List.of(
                Part.fixed(where(at) + ": ((( "),
                Part.value(shown(first.base())),
                Part.fixed(" ))) "),
                Part.value(shown(first.file())),
                Part.fixed(" /// "),
                Part.value(shown(first.database()))));
      }
      changes
          .resolution(c)
          .ifPresent(r -> parts.addAll(List.of(Part.fixed(" → "), Part.value(decided(c, r)))));
      return parts;
    }
    if (c.kind() == ChangeKind.MERGE) {
      List<Part> inside = mergedInside(c);
      if (!inside.isEmpty()) {
        return inside;
      }
      return List.of(
          Part.value(show(c, Side.FILE)),
          Part.fixed(" + "),
          Part.value(show(c, Side.DATABASE)),
          Part.fixed(" → "),
          Part.value(merged(c)));
    }
    if (c.kind() == ChangeKind.CALCULATE) {
      return calculation(c);
    }
    if (c.kind() == ChangeKind.INSERT) {
      return List.of(
          Part.value(show(c, c.direction() == Direction.TO_DATABASE ? Side.FILE : Side.DATABASE)));
    }
    if (c.kind() == ChangeKind.DELETE) {
      return List.of(
          Part.fixed("was "),
          Part.value(show(c, c.direction() == Direction.TO_DATABASE ? Side.DATABASE : Side.FILE)));
    }
    Side from = c.direction() == Direction.TO_DATABASE ? Side.DATABASE : Side.FILE;
    Side to = c.direction() == Direction.TO_DATABASE ? Side.FILE : Side.DATABASE;
    return List.of(Part.value(show(c, from)), Part.fixed(" → "), Part.value(show(c, to)));
  }

  /**
   * For a conflict inside a JSON object or list: the places where the sides disagree ({@code
   * matches[3].score}); none for a conflict of the whole value (text, numbers, a record deleted on
   * one side, no base yet).
   */
  private static List<ValueDiff.Difference> conflictsInside(Change c) {
    if (!container(c.base()) || !container(c.file()) || !container(c.database())) {
      return List.of();
    }
    List<ValueDiff.Difference> conflicts = c.differences().conflicts();
    return conflicts.size() == 1
            && !c.wholeRecord()
            && conflicts.get(0).path().equals(c.path().field())
        ? List.of()
        : conflicts;
  }

  /**
   * A merge of a long object or list as the places each side changed, the first two of them: {@code
   * matches[1].time "17:30" → "17:45" (file); matches[10].time "19:00" → "20:00" (db)}. The three
   * whole values would say little, cut at {@link #NARROW}; a short merge is shown whole.
   */
  private List<Part> mergedInside(Change c) {
    if (wide || !container(c.base()) || !container(c.file()) || !container(c.database())) {
      return List.of();
    }
    if (merged(c).length() <= NARROW) {
      return List.of();
    }
    List<ValueDiff.Difference> changed = c.differences().differences();
    List<Part> parts = new ArrayList<>();
    for (ValueDiff.Difference d : changed.subList(0, Math.min(2, changed.size()))) {
      boolean inFile = d.changedIn(Side.FILE);
      boolean inDatabase = d.changedIn(Side.DATABASE);
      if (!parts.isEmpty()) {
        parts.add(Part.fixed("; "));
      }
      parts.addAll(
          List.of(
              Part.fixed(d.path() + " "),
              Part.value(shown(d.base())),
              Part.fixed(" → "),
              Part.value(shown(inFile ? d.file() : d.database())),
              Part.fixed(inFile && inDatabase ? " (both)" : inFile ? " (file)" : " (db)")));
    }
    if (changed.size() > 2) {
      parts.add(Part.fixed("; and " + (changed.size() - 2) + " more"));
    }
    return parts;
  }

  /** {@code matches[3].score}, or {@code matches[3].score and 2 more}. */
  private static String where(List<ValueDiff.Difference> conflicts) {
    return conflicts.get(0).path()
        + (conflicts.size() > 1 ? " and " + (conflicts.size() - 1) + " more" : "");
  }

  /** A value inside a change's value; absent where the side has none there. */
  private static String shown(Value value) {
    return value == null ? "(absent)" : value.display();
  }

  private static boolean container(String json) {
    return json != null && (json.startsWith("{") || json.startsWith("["));
  }

  /** A side's value as shown, whole. */
  private String show(Change c, Side side) {
    String text = c.text(side);
    if (text == null) {
      return side == Side.BASE ? "none" : "(absent)";
    }
    Value value = CanonicalJson.parse(text);
    if (c.wholeRecord() && value instanceof Value.Obj record) {
      value = inMappingOrder(c.entity(), record);
    }
    return value.display();
  }

  /** The decided value as shown, whole: "(absent)" when the decision empties it. */
  private String decided(Change c, Resolution r) {
    if (r.value() == null) {
      return "(absent)";
    }
    Value value = CanonicalJson.parse(r.value());
    if (c.wholeRecord() && value instanceof Value.Obj record) {
      value = inMappingOrder(c.entity(), record);
    }
    return value.display();
  }

  /** Where a decided value came from: {@code file}, {@code db}, {@code base}, or {@code typed}. */
  private static String from(Resolution r) {
    return r.take() == null ? "typed" : label(r.take());
  }

  /**
   * Outside a terminal: a value longer than {@link #NARROW} characters is cut to that many, around
   * {@code differs}, the char where the row's values first differ (see {@link Columns#cutAround}).
   */
  private String cut(String shown, int differs) {
    return wide || shown.length() <= NARROW ? shown : Columns.cutAround(shown, differs, NARROW);
  }

  /**
   * Where the row's values first differ: the length of the start they all share. Two long lists
   * that differ in element 300 are cut there, not at their common start.
   */
  private static int differs(List<Part> parts) {
    String first = null;
    int shared = Integer.MAX_VALUE;
    for (Part part : parts) {
      if (!part.value()) {
        continue;
      }
      if (first == null) {
        first = part.text();
        continue;
      }
      int i = 0;
      int end = Math.min(first.length(), part.text().length());
      while (i < end && first.charAt(i) == part.text().charAt(i)) {
        i++;
      }
      shared = Math.min(shared, i);
    }
    return shared == Integer.MAX_VALUE ? 0 : shared;
  }

  /**
   * The value column in {@code budget} terminal columns (0: no budget, each value cut at {@link
   * #NARROW} characters instead). The values share what the fixed text leaves: short ones are shown
   * whole and the long ones split the rest evenly, e.g. 30 columns for {@code "a" → LONG} leave 24
   * for the long value, not 13.
   */
  private String fit(List<Part> parts, int budget) {
    StringBuilder out = new StringBuilder();
    int differs = differs(parts);
    if (budget <= 0) {
      for (Part part : parts) {
        String text = part.value() ? cut(part.text(), differs) : part.text();
        out.append(text);
      }
      return out.toString();
    }
    int fixed = 0;
    List<Integer> lengths = new ArrayList<>();
    for (Part part : parts) {
      if (part.value()) {
        lengths.add(Columns.of(part.text()));
      } else {
        fixed += Columns.of(part.text());
      }
    }
    int[] allowed = Columns.share(lengths, Math.max(0, budget - fixed), SHORTEST);
    int value = 0;
    for (Part part : parts) {
      if (!part.value()) {
        out.append(part.text());
        continue;
      }
      int columns = allowed[value++];
      String shown = Columns.cutAround(part.text(), differs, columns);
      if (!shown.equals(part.text())) {
        cut = true;
      }
      out.append(shown);
    }
    return out.toString();
  }

  /**
   * A calculated field: the value it had and the one worked out, which both sides take. The value
   * shown first is the database's, or the file's when the database holds the new one already (a
   * record inserted with it); a value the file holds besides is named as ignored, since files never
   * set a calculated field.
   */
  private List<Part> calculation(Change c) {
    List<Part> parts = new ArrayList<>();
    boolean databaseHasIt = c.calculated().equals(c.database());
    parts.add(Part.value(show(c, databaseHasIt ? Side.FILE : Side.DATABASE)));
    parts.add(Part.fixed(" → "));
    parts.add(Part.value(CanonicalJson.parse(c.calculated()).display()));
    String file = c.file();
    if (!databaseHasIt
        && file != null
        && !file.equals(c.database())
        && !file.equals(c.calculated())) {
      parts.add(Part.fixed(" (the file's "));
      parts.add(Part.value(show(c, Side.FILE)));
      parts.add(Part.fixed(" is ignored: calculated)"));
    }
    return parts;
  }

  private static String merged(Change c) {
    return CanonicalJson.parse(c.merged()).display();
  }

  /**
   * A whole record's fields in the mapping's order (key first, as in the file), not sorted. A child
   * record is shown without its parent's key fields, which its id names already: {@code
   * epic/EP-7.tasks/T9 insert {"position": 3, "task_key": "T9", ...}}.
   */
  private Value inMappingOrder(String entityName, Value.Obj record) {
    Map<String, Value> ordered = new LinkedHashMap<>();
    Entity entity =
        changes.diffs().stream()
            .map(EntityDiff::entity)
            .filter(e -> e.name().equals(entityName))
            .findFirst()
            .orElse(null);
    if (entity == null) {
      return record;
    }
    entity
        .fields()
        .forEach(
            f -> {
              Value v = record.fields().get(f.name());
              if (v != null) {
                ordered.put(f.name(), v);
              }
            });
    record.fields().forEach(ordered::putIfAbsent);
    if (entity.isChild()) {
      // the element as its list holds it: its own key first, its place in the list last
      Map<String, Value> element = new LinkedHashMap<>();
      for (String own :
          entity.key().subList(entity.parent().parentKeyFields(), entity.key().size())) {
        if (ordered.containsKey(own)) {
          element.put(own, ordered.get(own));
        }
      }
      String order = orderField(entity).orElse(null);
      ordered.forEach(
          (name, value) -> {
            if (!name.equals(order)) {
              element.putIfAbsent(name, value);
            }
          });
      if (order != null && ordered.containsKey(order)) {
        element.put(order, ordered.get(order));
      }
      return withoutParentKey(entity, new Value.Obj(element));
    }
    return new Value.Obj(ordered);
  }

  /** The field keeping a child's place in its list, as its parent's child list names it. */
  private java.util.Optional<String> orderField(Entity child) {
    return changes.diffs().stream()
        .map(EntityDiff::entity)
        .filter(e -> e.name().equals(child.parent().entity()))
        .findFirst()
        .flatMap(parent -> parent.childList(child.parent().field()))
        .map(ChildList::order);
  }

  /**
   * A child record without its parent's key fields, which its selector names already ({@code
   * epic/EP-7.tasks/T9} needs no {@code "epic_key": "EP-7"}); any other record as it is.
   */
  static Value withoutParentKey(Entity entity, Value record) {
    if (entity == null || !entity.isChild() || !(record instanceof Value.Obj object)) {
      return record;
    }
    Map<String, Value> own = new LinkedHashMap<>(object.fields());
    entity.key().subList(0, entity.parent().parentKeyFields()).forEach(own::remove);
    return new Value.Obj(own);
  }

  private String align(List<Row> rows) {
    int columns = rows.get(0).cells().length;
    int[] widths = new int[columns];
    for (Row row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.cells()[i].length());
      }
    }
    int prefix = 0;
    for (int w : widths) {
      prefix += w + 2;
    }
    // One column short of the terminal's width: a line that fills it wraps early on some terminals.
    int budget = width > 0 ? Math.max(1, width - 1 - prefix) : 0;
    StringBuilder out = new StringBuilder();
    for (Row row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(colour(row.cells(), i, pad(row.cells()[i], widths[i]) + "  "));
      }
      line.append(fit(row.values(), budget));
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
      if (c.kind() == ChangeKind.CALCULATE) {
        out.append("  file: ").append(show(c, Side.FILE)).append('\n');
        out.append("  db:   ").append(show(c, Side.DATABASE)).append('\n');
        out.append(style.toDatabase("= both: " + c.calculated())).append('\n');
      } else if (c.kind() == ChangeKind.MERGE) {
        out.append("  file:   ").append(show(c, Side.FILE)).append('\n');
        out.append("  db:     ").append(show(c, Side.DATABASE)).append('\n');
        out.append(style.toDatabase("+ both: " + merged(c))).append('\n');
      } else if (c.isConflict()) {
        List<ValueDiff.Difference> at = conflictsInside(c);
        if (!at.isEmpty()) {
          out.append("  at:   ").append(where(at)).append('\n');
        }
        out.append("  base: ").append(show(c, Side.BASE)).append('\n');
        out.append("  file: ").append(show(c, Side.FILE)).append('\n');
        out.append("  db:   ").append(show(c, Side.DATABASE)).append('\n');
        Resolution r = changes.resolution(c).orElse(null);
        if (r != null) {
          out.append(style.toDatabase("= " + from(r) + ": " + decided(c, r))).append('\n');
        }
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
   * A JSON array, one object per change: {@code entity, key, field, path, kind, direction, staged,
   * file, db, base, decided} (values as JSON, null where absent; direction null for a conflict);
   * {@code path} is the change's selector from its root down ({@code epic/EP-7.tasks/T3.done}).
   * {@code decided} is null but for a resolved conflict: {@code {"from":
   * "file"|"db"|"base"|"typed", "value": JSON}}.
   */
  static String json(ChangeSet changes, String selector) {
    return jsonOf(changes, selector == null ? changes.changes() : changes.matching(selector));
  }

  /** {@code shown}, in the shape above: {@code conflicts --format json} gives the conflicts. */
  static String jsonOf(ChangeSet changes, List<Change> shown) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < shown.size(); i++) {
      Change c = shown.get(i);
      out.append(i == 0 ? "\n  {" : ",\n  {");
      field(out, "entity", new Value.Text(c.entity()).canonical(), true);
      field(out, "key", new Value.Text(RecordKey.display(c.key().text())).canonical(), false);
      field(
          out,
          "field",
          c.wholeRecord() ? "null" : new Value.Text(c.path().field()).canonical(),
          false);
      field(out, "path", new Value.Text(c.id()).canonical(), false);
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
      Resolution r = c.isConflict() ? changes.resolution(c).orElse(null) : null;
      String decided;
      if (c.kind() == ChangeKind.CALCULATE) {
        decided = "{\"from\": \"calculated\", \"value\": " + orNull(c.calculated()) + "}";
      } else if (r == null) {
        decided = "null";
      } else {
        decided =
            "{\"from\": "
                + new Value.Text(from(r)).canonical()
                + ", \"value\": "
                + orNull(r.value())
                + "}";
      }
      field(out, "decided", decided, false);
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

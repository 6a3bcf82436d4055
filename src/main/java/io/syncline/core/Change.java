package io.syncline.core;

/**
 * One difference between the sides: a field of a record ({@code path} names it) or a whole record
 * ({@code path} is {@link FieldPath#RECORD}: an insert, a delete, or a delete-versus-modify
 * conflict).
 *
 * <p>The path is one segment, the field (a child record's change is of its own entity, {@code
 * epic.tasks}, and prints from the root down: {@link #record}); ids and messages print the field's
 * name as it is ({@code epic/EP-7.a.b} for a field named {@code a.b}), as they did before paths
 * were a type, where {@link FieldPath#toString} would quote it.
 *
 * <p>Values are kept as canonical JSON text, {@code null} where the side has no such record or
 * field; {@link #value(Side)} parses on demand, so a million inserts cost a million strings, not a
 * million trees.
 *
 * @param direction null for a conflict, a merge and a calculation (both sides move)
 * @param calculated for a {@link ChangeKind#CALCULATE}: the value both sides take; else null
 */
public record Change(
    String entity,
    RecordKey key,
    FieldPath path,
    ChangeKind kind,
    Direction direction,
    String base,
    String file,
    String database,
    String calculated) {

  public Change(
      String entity,
      RecordKey key,
      FieldPath path,
      ChangeKind kind,
      Direction direction,
      String base,
      String file,
      String database) {
    this(entity, key, path, kind, direction, base, file, database, null);
  }

  public Change {
    if (path.segments().size() > 1) {
      throw new IllegalArgumentException("a change is of a record or one of its fields: " + path);
    }
  }

  /**
   * Stable across runs: {@code epic/EP-7.name}, or {@code epic/EP-7} for a whole record; a child
   * record's ({@code epic.tasks}, key {@code EP-7/T1}) reads from its root down: {@code
   * epic/EP-7.tasks/T1.done}.
   */
  public String id() {
    String record = record();
    return path.isRecord() ? record : record + "." + path.field();
  }

  /**
   * The record this change belongs to, as selectors name it: {@code epic/EP-7}, {@code
   * epic/EP-7.tasks/T1}; a key that holds a '/' prints as it is ({@code
   * country/BR.timezones/America/Sao_Paulo}), and selectors match what is printed.
   */
  public String record() {
    return record(entity, key.text());
  }

  /** {@link #record()} of a record of {@code entity} whose key text is {@code text}. */
  public static String record(String entity, String text) {
    if (entity.indexOf(Entity.LEVEL) < 0) {
      return entity + "/" + text; // hot: most changes are of entities the mapping names
    }
    String[] levels = entity.split("\\" + Entity.LEVEL);
    String[] keys = text.split(String.valueOf(RecordKey.LEVEL), -1);
    if (levels.length == 1 || keys.length != levels.length) {
      return entity + "/" + RecordKey.display(text);
    }
    StringBuilder out = new StringBuilder(levels[0]).append('/').append(keys[0]);
    for (int level = 1; level < levels.length; level++) {
      out.append('.').append(levels[level]).append('/').append(keys[level]);
    }
    return out.toString();
  }

  /** Whether the change is of a whole record, not of one of its fields. */
  public boolean wholeRecord() {
    return path.isRecord();
  }

  public boolean isConflict() {
    return kind == ChangeKind.CONFLICT;
  }

  public String text(Side side) {
    return switch (side) {
      case BASE -> base;
      case FILE -> file;
      case DATABASE -> database;
    };
  }

  /** The side's value; {@link Value#NULL} when the side has none. */
  public Value value(Side side) {
    String text = text(side);
    return text == null ? Value.NULL : CanonicalJson.parse(text);
  }

  /** For a {@link ChangeKind#MERGE}: the value both sides take, as canonical JSON text. */
  public String merged() {
    return ValueMerge.merge(value(Side.BASE), value(Side.FILE), value(Side.DATABASE))
        .orElseThrow(() -> new IllegalStateException(id() + " is not a mergeable change"))
        .canonical();
  }

  /**
   * Where the sides differ inside this change's value, path by path: for a conflict on a list, the
   * element that both sides changed ({@code matches[3].score}). An absent side counts as null.
   */
  public ValueDiff differences() {
    return ValueDiff.of(
        path.isRecord() ? "" : path.field(),
        value(Side.BASE),
        value(Side.FILE),
        value(Side.DATABASE));
  }

  /**
   * Whether a selector ({@code epic}, {@code epic/EP-7}, {@code epic/EP-7.name}) names this. A
   * child's change is named by its own selectors ({@code epic/EP-7.tasks/T1.done}) and by every one
   * above it: its entity's root ({@code epic}), a parent record ({@code epic/EP-7}), a list of a
   * parent ({@code epic/EP-7.tasks}), its own entity ({@code epic.tasks}).
   */
  public boolean matches(String selector) {
    if (selector == null || selector.isEmpty() || selector.equals(entity)) {
      return true;
    }
    String record = record();
    if (selector.equals(record) || selector.equals(id())) {
      return true;
    }
    if (entity.indexOf(Entity.LEVEL) < 0) {
      return false;
    }
    return selector.equals(Entity.rootOf(entity))
        || (record.startsWith(selector)
            && (record.charAt(selector.length()) == '.'
                || record.charAt(selector.length()) == '/'));
  }
}

package io.syncline.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a base record that the two sides have never agreed on, kept in the base's own text.
 *
 * <p>On first contact (no base yet) a record both sides hold is compared field by field: the fields
 * with the same value on both sides are agreed, and a field that differs is a conflict. When that
 * conflict is left open, the record's base holds the agreed fields and names the open one as
 * unagreed, so that a one-sided edit of an agreed field flows as usual, and a deletion on one side
 * meets the other side's unagreed value as a delete-versus-modify conflict instead of being undone.
 *
 * <p>The names sit in one member whose name no field can have (it starts with U+0000, which no
 * database takes in a column name), first in the canonical order, so the stored base keeps its form
 * (a canonical text per record) and bases written before unagreed fields existed read as they did:
 *
 * <pre>
 *   file {"id":"FR","name":"France!","pop":68}, database {"id":"FR","name":"Frankrijk","pop":68}
 *   base {"\u0000unagreed":["name"],"id":"FR","pop":68}       name unagreed, id and pop agreed
 * </pre>
 *
 * A base naming unagreed fields never equals a side's text, so the record is compared field by
 * field until both sides hold the same value again, which settles the base whole.
 */
public final class Unagreed {
  /** The member's name in the base text. */
  static final String MEMBER = "\u0000unagreed";

  /** How a base text that names unagreed fields starts. */
  private static final String MARK = "{\"\\u0000unagreed\":";

  private Unagreed() {}

  /** Whether the base text names unagreed fields. */
  public static boolean in(String base) {
    return base != null && base.startsWith(MARK);
  }

  /** The unagreed fields of a parsed base record; empty for a base that names none. */
  public static Set<String> of(Value.Obj base) {
    Set<String> names = new TreeSet<>();
    if (base != null && base.fields().get(MEMBER) instanceof Value.Array list) {
      for (Value name : list.items()) {
        if (name instanceof Value.Text text) {
          names.add(text.value());
        }
      }
    }
    return names;
  }

  /**
   * The base text without its unagreed fields' member: what the sides agreed on, as a record. For a
   * base that names none, the text itself.
   */
  public static String without(String base) {
    if (!in(base)) {
      return base;
    }
    Map<String, Value> fields = new LinkedHashMap<>(Records.parse(base).fields());
    fields.remove(MEMBER);
    return Records.canonicalAll(new Value.Obj(fields));
  }

  /**
   * The canonical record text {@code agreed} (which holds none of {@code fields}) naming {@code
   * fields} as unagreed; the text itself when there are none.
   */
  public static String mark(String agreed, Collection<String> fields) {
    if (fields.isEmpty()) {
      return agreed;
    }
    List<Value> names = new ArrayList<>();
    for (String name : new TreeSet<>(fields)) {
      names.add(new Value.Text(name));
    }
    StringBuilder out = new StringBuilder(MARK);
    CanonicalJson.write(new Value.Array(names), out);
    String rest = agreed.substring(1);
    return out.append(rest.equals("}") ? "" : ",").append(rest).toString();
  }
}

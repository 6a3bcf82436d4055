package io.syncline.formats;

import io.syncline.core.UnableToReadFile;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * A document read with Jackson's streaming parser, keeping where in the text each value sits, so
 * that {@link FilePatch} can replace just the spans that change.
 *
 * <p>Offsets are char indexes into the text; {@code end} is exclusive and stops after the value's
 * last character (never after trailing spaces, comments or line breaks). How they are found:
 *
 * <pre>
 *   JSON  start: the token's char offset; end of a scalar: scanned here (Jackson reads strings
 *         lazily, so its "current location" may still sit inside one); end of [..]/{..}: after
 *         the closing bracket's token.
 *   YAML  start and end: the event's start and end marks, which SnakeYAML counts in code points
 *         (converted here for text outside the Basic Multilingual Plane). A block list or mapping
 *         has no closing token, so it ends where its last child ends; a block scalar ({@code |})
 *         ends at its last non-blank character.
 * </pre>
 */
final class Spans {
  private Spans() {}

  /** The YAML merge key. */
  static final String MERGE = "<<";

  enum Kind {
    OBJECT,
    ARRAY,
    SCALAR
  }

  /** One value in the text. Objects keep their members' names and where each name starts. */
  static final class Node {
    final Kind kind;
    final int start;
    int end;

    /** For lists and objects: written with brackets ({@code [..]}, always so in JSON). */
    boolean flow;

    /** For YAML scalars: the quote it was written with, or 0 when plain. */
    char quote;

    Value scalar;

    /** The container this value is in; null for the document. */
    Node parent;

    /** YAML: the anchor this value carries ({@code &t}), the alias it is ({@code *t}), or null. */
    String anchor;

    String alias;

    /** YAML: for an alias, the anchored value; for an anchored value, whether an alias uses it. */
    Node target;

    boolean aliased;

    boolean yaml;

    /**
     * False for a record read past (see {@link Records}): of it only kind, start, end and flow are
     * known.
     */
    final boolean whole;

    // A scalar or a record read past has no members: one shared empty list each, since a file of
    // a million records has ten million scalars.
    final List<String> names;
    final List<Integer> nameStarts;
    final List<Node> children;

    Node(Kind kind, int start) {
      this(kind, start, kind != Kind.SCALAR);
    }

    private Node(Kind kind, int start, boolean members) {
      this.kind = kind;
      this.start = start;
      this.whole = members || kind == Kind.SCALAR;
      this.names = members ? new ArrayList<>() : List.of();
      this.nameStarts = members ? new ArrayList<>() : List.of();
      this.children = members ? new ArrayList<>() : List.of();
    }

    /** What stays of a record read past: where it is, not what it holds. */
    private Node readPast() {
      Node past = new Node(kind, start, false);
      past.end = end;
      past.flow = flow;
      return past;
    }

    int size() {
      return children.size();
    }

    /** Where element i starts: its name for an object member, the value for a list item. */
    int elementStart(int i) {
      return kind == Kind.OBJECT ? nameStarts.get(i) : children.get(i).start;
    }

    int indexOf(String name) {
      return names.indexOf(name);
    }

    Value value() {
      if (!whole) {
        throw new IllegalStateException("a record read past has no value");
      }
      if (target != null && alias != null) {
        return target.value();
      }
      if (kind == Kind.SCALAR) {
        return scalar;
      }
      if (kind == Kind.ARRAY) {
        List<Value> items = new ArrayList<>(children.size());
        for (Node child : children) {
          items.add(child.value());
        }
        return new Value.Array(items);
      }
      Map<String, Value> fields = new LinkedHashMap<>();
      for (int i = 0; i < children.size(); i++) {
        if (!yaml || !names.get(i).equals(MERGE)) {
          fields.put(names.get(i), children.get(i).value());
        }
      }
      // YAML merge keys: members of the merged mappings the mapping does not give itself, the
      // first merged mapping winning (as YamlAliases reads them).
      int merge = yaml ? names.indexOf(MERGE) : -1;
      if (merge >= 0) {
        Value merged = children.get(merge).value();
        List<Value> sources = merged instanceof Value.Array a ? a.items() : List.of(merged);
        for (Value source : sources) {
          if (source instanceof Value.Obj o) {
            o.fields().forEach(fields::putIfAbsent);
          }
        }
      }
      return new Value.Obj(fields);
    }

    /** The members a merge key ({@code <<}) brings in, by name; empty when there is none. */
    boolean merges(String name) {
      int merge = yaml ? names.indexOf(MERGE) : -1;
      if (merge < 0) {
        return false;
      }
      Value merged = children.get(merge).value();
      for (Value source : merged instanceof Value.Array a ? a.items() : List.of(merged)) {
        if (source instanceof Value.Obj o && o.fields().containsKey(name)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  /**
   * Sees each record of a JSON file as it is read, with its key members only, and says whether to
   * read it whole. A file of a million records where a few change needs the spans of those few;
   * making values of every record's members took many times the text's size in memory, and most of
   * the time. The last record is always read whole, since a record added after it is written in its
   * style.
   */
  interface Records {
    /**
     * @param index the record's position in its list or object
     * @param name its member name in an object of records, null in a list
     * @param record an object record with only its key members (a list or scalar where a record
     *     should be: whole)
     * @return true to read it whole, false to keep only its kind, start, end and flow
     */
    boolean keepWhole(int index, String name, Node record);
  }

  static Node parse(String text, boolean yaml, String fileName) {
    return parse(text, yaml, fileName, null, Set.of(), null);
  }

  /**
   * As {@link #parse(String, boolean, String)}, showing each record of the list or object at the
   * JSON pointer {@code recordsAt}, with only its members named in {@code keyMembers}, to {@code
   * records} (JSON only: in YAML a record can share anchors with another, so every record is read
   * whole). With {@code recordsAt} "/tasks", the items of {@code {"tasks": [..]}}; with "", those
   * of the document itself.
   */
  static Node parse(
      String text,
      boolean yaml,
      String fileName,
      String recordsAt,
      Set<String> keyMembers,
      Records records) {
    try (JsonParser parser = (yaml ? YAML : JSON).createParser(ObjectReadContext.empty(), text)) {
      Reader reader = new Reader(text, yaml, parser);
      if (records != null && !yaml) {
        reader.recordsAt = segments(recordsAt);
        reader.keyMembers = keyMembers;
        reader.records = records;
      }
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new UnableToReadFile(fileName, 0, 0, "the file is empty");
      }
      return reader.value(first, true, 0);
    } catch (JacksonException e) {
      TokenStreamLocation where = e.getLocation();
      throw new UnableToReadFile(
          fileName,
          where == null ? 0 : where.getLineNr(),
          where == null ? 0 : where.getColumnNr(),
          "not valid "
              + (yaml ? "YAML" : "JSON")
              + ": "
              + ParserMessages.reason(e.getOriginalMessage()));
    }
  }

  /** The segments of a JSON pointer, unescaped: "/a~1b/0" is [a/b, 0]. */
  private static String[] segments(String pointer) {
    if (pointer.isEmpty()) {
      return new String[0];
    }
    String[] segments = pointer.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      segments[i] = segments[i].replace("~1", "/").replace("~0", "~");
    }
    return segments;
  }

  private static final class Reader {
    private final String text;
    private final boolean yaml;
    private final JsonParser parser;
    private final boolean wide;

    Reader(String text, boolean yaml, JsonParser parser) {
      this.text = text;
      this.yaml = yaml;
      this.parser = parser;
      this.wide = yaml && text.codePoints().count() != text.length();
    }

    private int offset(TokenStreamLocation location) {
      int at = base + (int) location.getCharOffset();
      return wide ? text.offsetByCodePoints(0, at) : at;
    }

    private final Map<String, Node> anchors = new HashMap<>();

    /** Where the records are, and who sees them; null when every value is kept. */
    private String[] recordsAt;

    private Records records;

    /** The members a record's key is made of: of a record not kept whole, all that is read. */
    private Set<String> keyMembers;

    /** Where in the text the parser's input starts: a record read again on its own. */
    private int base;

    /**
     * Reads one value. {@code onPath}: the containers around it lead to the records (as FilePatch
     * resolves the pointer: a member by name, a list item by its number); {@code depth}: how many
     * containers are around it.
     */
    Node value(JsonToken token, boolean onPath, int depth) {
      Node node = read(token, onPath, depth);
      node.yaml = yaml;
      if (yaml) {
        String alias = YamlAliases.alias(parser);
        if (alias != null) {
          node.alias = alias;
          node.target = anchors.get(alias);
          if (node.target != null) {
            node.target.aliased = true;
          }
        }
        String anchor = node.anchor;
        if (anchor != null) {
          anchors.put(anchor, node);
        }
      }
      for (Node child : node.children) {
        child.parent = node;
      }
      return node;
    }

    private Node read(JsonToken token, boolean onPath, int depth) {
      int start = offset(parser.currentTokenLocation());
      String anchor = yaml ? YamlAliases.anchor(parser, token) : null;
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        boolean object = token == JsonToken.START_OBJECT;
        Node node = new Node(object ? Kind.OBJECT : Kind.ARRAY, start);
        node.anchor = anchor;
        node.flow = !yaml || (start < text.length() && text.charAt(start) == (object ? '{' : '['));
        boolean ofRecords = records != null && onPath && depth == recordsAt.length;
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_OBJECT && next != JsonToken.END_ARRAY) {
          String name = null;
          if (next == JsonToken.PROPERTY_NAME) {
            name = parser.currentName();
            node.names.add(name);
            node.nameStarts.add(offset(parser.currentTokenLocation()));
            next = parser.nextToken();
          }
          int i = node.children.size();
          boolean childOnPath =
              records != null
                  && onPath
                  && depth < recordsAt.length
                  && leadsOn(recordsAt[depth], name, i);
          Node child;
          if (ofRecords && next == JsonToken.START_OBJECT) {
            Node keyOnly = keyMembersOf();
            child = records.keepWhole(i, name, keyOnly) ? reread(keyOnly) : keyOnly.readPast();
          } else {
            child = value(next, childOnPath, depth + 1);
            if (ofRecords) {
              records.keepWhole(i, name, child);
            }
          }
          node.children.add(child);
        }
        int last = node.size() - 1;
        if (ofRecords && last >= 0 && !node.children.get(last).whole) {
          node.children.set(last, reread(node.children.get(last)));
        }
        if (node.flow) {
          node.end =
              yaml ? offset(parser.currentLocation()) : offset(parser.currentTokenLocation()) + 1;
        } else {
          node.end = node.children.isEmpty() ? start : node.children.get(node.size() - 1).end;
        }
        return node;
      }
      Node node = new Node(Kind.SCALAR, start);
      node.anchor = anchor;
      node.scalar = scalar(token);
      if (yaml) {
        int end = offset(parser.currentLocation());
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
          end--;
        }
        node.end = end;
        char c = start < text.length() ? text.charAt(start) : 0;
        node.quote = end > start && (c == '"' || c == '\'') ? c : 0;
      } else {
        node.end = jsonScalarEnd(start);
      }
      return node;
    }

    /**
     * A JSON record, the parser at its "{", read up to its "}" with only its key members: the
     * others are skipped as Jackson skips, without making values of them.
     */
    private Node keyMembersOf() {
      Node record = new Node(Kind.OBJECT, offset(parser.currentTokenLocation()));
      record.flow = true;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        int nameStart = offset(parser.currentTokenLocation());
        JsonToken token = parser.nextToken();
        if (keyMembers.contains(name)) {
          record.names.add(name);
          record.nameStarts.add(nameStart);
          record.children.add(value(token, false, Integer.MAX_VALUE));
        } else {
          parser.skipChildren(); // a scalar: nothing to skip
        }
      }
      record.end = offset(parser.currentTokenLocation()) + 1;
      return record;
    }

    /** The record at the span of {@code record}, read again whole. */
    private Node reread(Node record) {
      String span = text.substring(record.start, record.end);
      try (JsonParser again = JSON.createParser(ObjectReadContext.empty(), span)) {
        Reader reader = new Reader(text, false, again);
        reader.base = record.start;
        return reader.value(again.nextToken(), false, Integer.MAX_VALUE);
      }
    }

    /** Whether member {@code name}, or item {@code index} of a list, is the pointer's segment. */
    private static boolean leadsOn(String segment, String name, int index) {
      if (name != null) {
        return name.equals(segment);
      }
      return segment.matches("[0-9]{1,9}") && Integer.parseInt(segment) == index;
    }

    private Value scalar(JsonToken token) {
      switch (token) {
        case VALUE_NULL:
          return Value.NULL;
        case VALUE_TRUE:
          return Value.TRUE;
        case VALUE_FALSE:
          return Value.FALSE;
        case VALUE_NUMBER_INT:
          return new Value.Num(new BigDecimal(parser.getBigIntegerValue()));
        case VALUE_NUMBER_FLOAT:
          try {
            return new Value.Num(parser.getDecimalValue());
          } catch (RuntimeException notFinite) {
            return new Value.Text(parser.getString()); // .inf and .nan have no decimal
          }
        default:
          return new Value.Text(parser.getString());
      }
    }

    private int jsonScalarEnd(int start) {
      int at = start;
      if (text.charAt(at) == '"') {
        at++;
        while (text.charAt(at) != '"') {
          at += text.charAt(at) == '\\' ? 2 : 1;
        }
        return at + 1;
      }
      while (at < text.length() && ",]}: \t\r\n".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      return at;
    }
  }
}

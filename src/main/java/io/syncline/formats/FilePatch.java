package io.syncline.formats;

import io.syncline.core.BadRecord;
import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.Layout;
import io.syncline.core.Records;
import io.syncline.core.UnableToReadFile;
import io.syncline.core.Value;
import io.syncline.formats.Spans.Kind;
import io.syncline.formats.Spans.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The new text of a JSON or YAML file after some records changed, equal to the old text except at
 * the changed spans: people keep these files in git and annotate them, so layout, record and key
 * order, indentation, line separators and YAML comments stay as they were.
 *
 * <p>The text is read once into {@link Spans}; each change becomes a replacement of a char range
 * ({@link TextEdits}), and the new text is made in one pass. Worked examples, YAML:
 *
 * <pre>
 *   update cron        cron: "0 2 * * *"  # nightly   →  cron: "0 3 * * *"  # nightly
 *   add absent field   a new line "owner: ops" after the record's last line, at its members' column
 *   insert             "- name: x" lines after the last record's last line, like its siblings
 *   delete             the lines from the record's first to its last; comments around it stay
 *   set a field null   the member is removed (a file leaves out what is null)
 * </pre>
 *
 * JSON works the same way with commas: deleting a record removes it with the comma that separates
 * it from its neighbour; inserting appends {@code ,} plus the whitespace that separates the last
 * two records, then the record, pretty or on one line as the last record was.
 */
public final class FilePatch {
  private FilePatch() {}

  /** U+FEFF at the start of a file: a byte order mark, EF BB BF in UTF-8. */
  static final String BYTE_ORDER_MARK = "\uFEFF";

  /**
   * Returns the new text of one file, or the same String instance when nothing changes.
   *
   * @param text the file's whole content
   * @param yaml true for .yml/.yaml, false for JSON
   * @param updates record key text → (field name → canonical JSON of the new value, or null)
   * @param inserts record key text → canonical JSON of the whole record
   * @param deletes record key texts to remove
   * @throws UnableToReadFile if the text can't be parsed or a key to update or delete is missing
   */
  public static String apply(
      String text,
      boolean yaml,
      Entity entity,
      String fileName,
      Map<String, Map<String, String>> updates,
      Map<String, String> inserts,
      Set<String> deletes) {
    if (updates.isEmpty() && inserts.isEmpty() && deletes.isEmpty()) {
      return text;
    }
    if (text.startsWith(BYTE_ORDER_MARK)) {
      // The mark is not part of the document: offsets and columns count from after it, and it
      // stays in front whatever the edits (deleting the first record included).
      String document = text.substring(BYTE_ORDER_MARK.length());
      String patched = apply(document, yaml, entity, fileName, updates, inserts, deletes);
      return patched == document ? text : BYTE_ORDER_MARK + patched;
    }
    Patch patch = new Patch(text, yaml, entity, fileName);
    patch.run(updates, inserts, deletes);
    String result = patch.edits.applyTo(text);
    return result.equals(text) ? text : result;
  }

  /** A list item (name null) or an object member to append. */
  private record Element(String name, Value value) {}

  private static final class Patch {
    final String text;
    final boolean yaml;
    final Entity entity;
    final String fileName;
    final String lineSeparator;
    final TextEdits edits = new TextEdits();

    /** The records sit inside a YAML {..} or [..], where block style cannot start. */
    boolean insideFlow;

    Patch(String text, boolean yaml, Entity entity, String fileName) {
      this.text = text;
      this.yaml = yaml;
      this.entity = entity;
      this.fileName = fileName;
      this.lineSeparator = text.contains("\r\n") ? "\r\n" : "\n";
    }

    void run(
        Map<String, Map<String, String>> updates,
        Map<String, String> inserts,
        Set<String> deletes) {
      Set<String> wanted = new HashSet<>(updates.keySet());
      wanted.addAll(inserts.keySet());
      wanted.addAll(deletes);
      Map<Integer, String> keys = new HashMap<>();
      Node root = parse(updates, wanted, keys);
      Node container = resolve(root, entity.at());
      if (entity.layout() == Layout.FILE) {
        if (updates.size() > 1) {
          throw unreadable(
              container.start, "one record per file, but updates for " + updates.keySet());
        }
        for (Map.Entry<String, Map<String, String>> update : updates.entrySet()) {
          patchRecord(expectObject(container, "the record"), update.getKey(), update.getValue());
        }
        return;
      }
      boolean map = entity.layout() == Layout.MAP;
      if (container.kind != (map ? Kind.OBJECT : Kind.ARRAY)) {
        throw unreadable(
            container.start,
            "expected " + (map ? "an object" : "a list") + " of records at " + where());
      }
      Map<String, Integer> index = index(container, map, keys);
      SortedSet<Integer> removed = new TreeSet<>();
      for (String key : deletes) {
        int i = find(index, key, container);
        Node anchored = sharedAnchorWithin(container.children.get(i));
        if (anchored != null) {
          throw shared(
              anchored,
              entity.name()
                  + "/"
                  + key
                  + " holds the anchor &"
                  + anchored.anchor
                  + " that other records use as *"
                  + anchored.anchor
                  + "; delete it by hand or expand the aliases");
        }
        removed.add(i);
      }
      for (Map.Entry<String, Map<String, String>> update : updates.entrySet()) {
        int i = find(index, update.getKey(), container);
        if (!removed.contains(i)) {
          Node record = container.children.get(i);
          if (record.alias != null) {
            refuseShared(record, update.getKey(), null);
          }
          patchRecord(
              expectObject(record, "record " + update.getKey()),
              update.getKey(),
              update.getValue());
        }
      }
      List<Element> added = new ArrayList<>();
      for (Map.Entry<String, String> insert : inserts.entrySet()) {
        Integer existing = index.get(insert.getKey());
        if (existing != null && !removed.contains(existing)) {
          throw unreadable(
              container.children.get(existing).start,
              "record " + insert.getKey() + " is already in the file");
        }
        Value.Obj record = ordered((Value.Obj) CanonicalJson.parse(insert.getValue()), map);
        added.add(new Element(map ? insert.getKey() : null, record));
      }
      editElements(container, removed, added, true);
    }

    /**
     * The document, with only the records to update (and the last, see {@link Spans.Records}) read
     * whole; the position of each record read past whose key is {@code wanted} goes to {@code
     * keys}. A million keys of records nobody touches are not worth keeping.
     */
    private Node parse(
        Map<String, Map<String, String>> updates, Set<String> wanted, Map<Integer, String> keys) {
      if (entity.layout() == Layout.FILE) {
        return Spans.parse(text, yaml, fileName);
      }
      boolean map = entity.layout() == Layout.MAP;
      return Spans.parse(
          text,
          yaml,
          fileName,
          entity.at(),
          map ? Set.of() : Set.copyOf(entity.key()),
          (i, name, record) -> {
            // Null when these are not records as the entity says: run() names what is wrong.
            String key =
                map ? name : name == null && record.kind == Kind.OBJECT ? keyOf(record) : null;
            if (key != null && wanted.contains(key)) {
              keys.put(i, key);
            }
            return key == null || updates.containsKey(key);
          });
    }

    /** The key of a JSON record in a list, from its key members alone. */
    private String keyOf(Node record) {
      Map<String, Value> members = new LinkedHashMap<>();
      for (String name : entity.key()) {
        int at = record.names.lastIndexOf(name); // as a map keeps the last of two equal names
        if (at >= 0) {
          members.put(name, record.children.get(at).value());
        }
      }
      try {
        return Records.key(entity, new Value.Obj(members), fileName);
      } catch (BadRecord e) {
        throw unreadable(record.start, e.getMessage());
      }
    }

    /** Record key → position: every record read whole, and those read past that are wanted. */
    private Map<String, Integer> index(Node container, boolean map, Map<Integer, String> keys) {
      Map<String, Integer> index = new LinkedHashMap<>();
      for (int i = 0; i < container.size(); i++) {
        if (map) {
          index.put(container.names.get(i), i);
          continue;
        }
        Node item = container.children.get(i);
        if (!item.whole) {
          if (keys.containsKey(i)) {
            index.put(keys.get(i), i);
          }
          continue;
        }
        expectObject(
            item.alias != null && item.target != null ? item.target : item,
            "item " + (i + 1) + " at " + where());
        try {
          index.put(Records.key(entity, (Value.Obj) item.value(), fileName), i);
        } catch (BadRecord e) {
          throw unreadable(item.start, e.getMessage());
        }
      }
      return index;
    }

    private int find(Map<String, Integer> index, String key, Node container) {
      Integer i = index.get(key);
      if (i == null) {
        throw unreadable(container.start, "no record with key " + key + " at " + where());
      }
      return i;
    }

    /**
     * Fields named by the entity first, in its order, then the record's others; MAP: key left out.
     */
    private Value.Obj ordered(Value.Obj record, boolean map) {
      Map<String, Value> fields = new LinkedHashMap<>();
      for (Field field : entity.fields()) {
        if (record.fields().containsKey(field.name())) {
          fields.put(field.name(), record.fields().get(field.name()));
        }
      }
      fields.putAll(record.fields());
      if (map) {
        fields.remove(entity.key().get(0));
      }
      return new Value.Obj(fields);
    }

    /**
     * Refuses, before anything is written, an edit at {@code node} (a record, or a field of {@code
     * key}'s record) that would show in other records too: the node is an alias ({@code *t}), or it
     * or a value around it carries an anchor that an alias uses. YAML only; JSON has neither.
     */
    private void refuseShared(Node node, String key, String field) {
      String what = entity.name() + "/" + key + (field == null ? "" : "." + field);
      if (node.alias != null) {
        throw shared(
            node,
            what
                + " is written as the alias *"
                + node.alias
                + " shared with other records; edit it by hand or remove the alias");
      }
      refuseInsideAnchor(field == null ? node : node.parent, what);
    }

    /**
     * Refuses an edit of {@code what} inside {@code from} when it or a container around it is
     * anchored and aliased.
     */
    private void refuseInsideAnchor(Node from, String what) {
      for (Node around = from; around != null; around = around.parent) {
        if (around.anchor != null && around.aliased) {
          throw shared(
              around,
              what
                  + " is inside the anchor &"
                  + around.anchor
                  + " that other records use as *"
                  + around.anchor
                  + "; edit it by hand or remove the alias");
        }
      }
    }

    /** A value at or under {@code node} whose anchor an alias uses, or null. */
    private Node sharedAnchorWithin(Node node) {
      if (node.anchor != null && node.aliased) {
        return node;
      }
      for (Node child : node.children) {
        Node found = sharedAnchorWithin(child);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    /** A refusal naming the line of {@code node}: {@code config.yml:7: job/a.tags is ...}. */
    private UnableToReadFile shared(Node node, String reason) {
      int line = 1;
      for (int i = 0; i < node.start && i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return new UnableToReadFile(fileName, line, 0, reason);
    }

    private void patchRecord(Node record, String key, Map<String, String> fields) {
      SortedSet<Integer> removed = new TreeSet<>();
      List<Element> added = new ArrayList<>();
      for (Map.Entry<String, String> field : fields.entrySet()) {
        String name = field.getKey();
        if (entity.layout() == Layout.MAP && name.equals(entity.key().get(0))) {
          continue; // the member name is the key; a record whose key changed is deleted and
          // inserted
        }
        Value value = field.getValue() == null ? Value.NULL : CanonicalJson.parse(field.getValue());
        int i = record.indexOf(name);
        if (i < 0) {
          if (!(value instanceof Value.Null)) {
            if (yaml) {
              refuseInsideAnchor(record, entity.name() + "/" + key + "." + name);
            }
            added.add(new Element(name, value)); // given here, it wins over a merged one
          } else if (yaml && record.merges(name)) {
            throw shared(
                record,
                entity.name()
                    + "/"
                    + key
                    + "."
                    + name
                    + " comes from the merge key << shared with other records; remove it by hand"
                    + " or give the record its own "
                    + name);
          }
          continue;
        }
        Node old = record.children.get(i);
        if (old.value().sameAs(value)) {
          continue;
        }
        if (yaml) {
          refuseShared(old, key, name);
          Node anchored = sharedAnchorWithin(old);
          if (anchored != null) {
            throw shared(
                anchored,
                entity.name()
                    + "/"
                    + key
                    + "."
                    + name
                    + " holds the anchor &"
                    + anchored.anchor
                    + " that other records use as *"
                    + anchored.anchor
                    + "; edit it by hand or expand the aliases");
          }
        }
        if (value instanceof Value.Null) {
          removed.add(i);
        } else {
          edits.replace(old.start, old.end, replacement(old, value, record.flow));
        }
      }
      added.sort((a, b) -> Integer.compare(fieldOrder(a.name()), fieldOrder(b.name())));
      editElements(record, removed, added, false);
    }

    private int fieldOrder(String name) {
      for (int i = 0; i < entity.fields().size(); i++) {
        if (entity.fields().get(i).name().equals(name)) {
          return i;
        }
      }
      return entity.fields().size();
    }

    /** The text that takes the place of {@code old}, in the style old was written in. */
    private String replacement(Node old, Value value, boolean inFlow) {
      boolean container = value instanceof Value.Obj || value instanceof Value.Array;
      if (!yaml) {
        if (container && multiLine(old.start, old.end)) {
          return JsonText.pretty(value, indentOf(old.start), unitOf(old), lineSeparator);
        }
        return JsonText.compact(value);
      }
      if (value instanceof Value.Text t
          && old.kind == Kind.SCALAR
          && old.end > old.start
          && (text.charAt(old.start) == '|' || text.charAt(old.start) == '>')) {
        String block =
            YamlBlockScalars.write(
                text.substring(old.start, lineEnd(old.start)),
                blockIndent(old),
                old.scalar instanceof Value.Text before ? before.value() : "",
                t.value(),
                lineSeparator);
        if (block != null) {
          return block;
        }
      }
      String written;
      if (value instanceof Value.Text t && old.quote == '"') {
        written = YamlScalars.doubleQuoted(t.value());
      } else if (value instanceof Value.Text t
          && old.quote == '\''
          && YamlScalars.singleQuoted(t.value()) != null) {
        written = YamlScalars.singleQuoted(t.value());
      } else if (!container) {
        written = YamlScalars.scalar(value, inFlow);
      } else if (old.kind != Kind.SCALAR && !old.flow && YamlText.isBlock(value)) {
        StringBuilder out = new StringBuilder();
        YamlText.block(value, column(old.start), lineSeparator, out);
        written = out.toString();
      } else {
        written = YamlText.flow(value);
      }
      return old.start == old.end ? " " + written : written; // "key:" with no value
    }

    /** The indentation of a block scalar's first line of text. */
    private String blockIndent(Node scalar) {
      for (int at = nextLineStart(scalar.start); at < scalar.end; at = nextLineStart(at)) {
        if (!blank(at, lineEnd(at))) {
          return indentOf(at);
        }
      }
      return indentOf(scalar.start) + "  ";
    }

    // ---- removing and appending elements of a list or object ----

    private void editElements(
        Node c, SortedSet<Integer> removed, List<Element> added, boolean records) {
      if (removed.isEmpty() && added.isEmpty()) {
        return;
      }
      if (c.size() == 0) {
        appendToEmpty(c, added, records);
      } else if (c.flow) {
        editFlow(c, removed, added);
      } else {
        editBlock(c, removed, added);
      }
    }

    /** Lists and objects in brackets: JSON, and YAML flow style. */
    private void editFlow(Node c, SortedSet<Integer> removed, List<Element> added) {
      int n = c.size();
      int last = n - 1;
      Node sibling = c.children.get(last);
      String separator;
      if (n >= 2) {
        int comma = text.indexOf(',', c.children.get(n - 2).end);
        separator = text.substring(comma + 1, c.elementStart(last));
      } else {
        separator = text.substring(c.start + 1, c.elementStart(0));
      }
      boolean pretty =
          sibling.kind != Kind.SCALAR
              ? multiLine(sibling.start, sibling.end)
              : separator.contains("\n");
      String indent = indentOf(c.elementStart(last));
      String unit = unitOf(sibling);
      String colon = ": ";
      if (!yaml && c.kind == Kind.OBJECT) {
        colon = text.substring(stringEnd(c.nameStarts.get(last)), sibling.start);
      }
      List<String> rendered = new ArrayList<>();
      for (Element element : added) {
        StringBuilder out = new StringBuilder();
        if (yaml) {
          if (element.name() != null) {
            out.append(YamlScalars.string(element.name(), true)).append(": ");
          }
          out.append(YamlText.flow(element.value()));
        } else {
          if (element.name() != null) {
            out.append(JsonText.name(element.name())).append(colon);
          }
          if (pretty) {
            JsonText.pretty(element.value(), indent, unit, lineSeparator, out);
          } else {
            out.append(JsonText.compact(element.value()));
          }
        }
        rendered.add(out.toString());
      }
      if (removed.size() == n) {
        String lead = text.substring(c.start + 1, c.elementStart(0));
        String trail = text.substring(sibling.end, c.end - 1);
        edits.replace(
            c.start + 1,
            c.end - 1,
            rendered.isEmpty() ? "" : lead + String.join("," + separator, rendered) + trail);
        return;
      }
      // Each run of removed elements goes with the comma after it, or before it at the end.
      List<Integer> list = new ArrayList<>(removed);
      for (int r = 0; r < list.size(); ) {
        int a = list.get(r);
        int b = a;
        while (r + 1 < list.size() && list.get(r + 1) == b + 1) {
          b++;
          r++;
        }
        r++;
        if (b < last) {
          edits.remove(c.elementStart(a), c.elementStart(b + 1));
        } else {
          edits.remove(c.children.get(a - 1).end, sibling.end);
        }
      }
      if (!rendered.isEmpty()) {
        StringBuilder out = new StringBuilder();
        for (String element : rendered) {
          out.append(',').append(separator).append(element);
        }
        edits.insert(sibling.end, out.toString());
      }
    }

    /** YAML block style: each element is whole lines. */
    private void editBlock(Node c, SortedSet<Integer> removed, List<Element> added) {
      int n = c.size();
      if (removed.size() == n && added.isEmpty()) {
        edits.replace(c.start, c.end, c.kind == Kind.ARRAY ? "[]" : "{}");
        return;
      }
      int from = 0;
      // "- name: a" — the first member shares its line with the list's dash, which must stay.
      boolean sharesLine =
          c.kind == Kind.OBJECT && !blank(lineStart(c.elementStart(0)), c.elementStart(0));
      if (sharesLine && removed.contains(0)) {
        int kept = 0;
        while (kept < n && removed.contains(kept)) {
          kept++;
        }
        if (kept == n) {
          throw unreadable(c.start, "cannot remove every field of a record");
        }
        edits.remove(c.elementStart(0), c.elementStart(kept));
        from = kept;
      }
      for (int i : removed) {
        if (i >= from) {
          edits.remove(lineStart(c.elementStart(i)), nextLineStart(c.children.get(i).end));
        }
      }
      if (added.isEmpty()) {
        return;
      }
      int lastEnd = c.children.get(n - 1).end;
      List<String> lines = new ArrayList<>();
      for (Element element : added) {
        lines.add(blockElement(c, element));
      }
      if (lineEnd(lastEnd) == text.length()) {
        edits.insert(text.length(), lineSeparator + String.join(lineSeparator, lines));
      } else {
        edits.insert(nextLineStart(lastEnd), String.join(lineSeparator, lines) + lineSeparator);
      }
    }

    /** One appended element in block style, formatted like the container's last element. */
    private String blockElement(Node c, Element element) {
      Node sibling = c.children.get(c.size() - 1);
      Value value = element.value();
      StringBuilder out = new StringBuilder();
      boolean flowLike = sibling.kind != Kind.SCALAR && sibling.flow;
      if (c.kind == Kind.ARRAY) {
        int dash = column(c.start);
        int itemColumn =
            sibling.kind == Kind.OBJECT && !sibling.flow ? column(sibling.start) : dash + 2;
        out.append(" ".repeat(dash))
            .append('-')
            .append(" ".repeat(Math.max(1, itemColumn - dash - 1)));
        if (!flowLike && YamlText.isBlock(value)) {
          YamlText.block(value, itemColumn, lineSeparator, out);
        } else {
          out.append(YamlText.flow(value));
        }
        return out.toString();
      }
      int nameColumn = column(c.elementStart(c.size() - 1));
      out.append(" ".repeat(nameColumn))
          .append(YamlScalars.string(element.name(), false))
          .append(':');
      if (flowLike || !YamlText.isBlock(value)) {
        return out.append(' ').append(YamlText.flow(value)).toString();
      }
      boolean sameShape =
          sibling.kind != Kind.SCALAR
              && (sibling.kind == Kind.OBJECT) == (value instanceof Value.Obj)
              && column(sibling.start) > nameColumn;
      int memberColumn = sameShape ? column(sibling.start) : nameColumn + 2;
      out.append(lineSeparator).append(" ".repeat(memberColumn));
      YamlText.block(value, memberColumn, lineSeparator, out);
      return out.toString();
    }

    /** {@code []}, {@code {}} or a YAML record with no members yet. */
    private void appendToEmpty(Node c, List<Element> added, boolean records) {
      if (added.isEmpty()) {
        return;
      }
      if (!yaml) {
        String indent = indentOf(c.start);
        String inner = indent + documentUnit();
        List<String> rendered = new ArrayList<>();
        for (Element element : added) {
          StringBuilder out = new StringBuilder(inner);
          if (element.name() != null) {
            out.append(JsonText.name(element.name())).append(": ");
          }
          JsonText.pretty(element.value(), inner, documentUnit(), lineSeparator, out);
          rendered.add(out.toString());
        }
        edits.replace(
            c.start + 1,
            c.end - 1,
            lineSeparator + String.join("," + lineSeparator, rendered) + lineSeparator + indent);
        return;
      }
      if (!records || insideFlow) {
        List<String> rendered = new ArrayList<>();
        for (Element element : added) {
          String name =
              element.name() == null ? "" : YamlScalars.string(element.name(), true) + ": ";
          rendered.add(name + YamlText.flow(element.value()));
        }
        edits.replace(c.start + 1, c.end - 1, String.join(", ", rendered));
        return;
      }
      // "tasks: []" becomes a block list under "tasks:"; a document that is just "[]" becomes one.
      boolean ownLine = blank(lineStart(c.start), c.start);
      int column = ownLine ? column(c.start) : indentOf(c.start).length() + 2;
      int start = c.start;
      while (!ownLine && start > 0 && text.charAt(start - 1) == ' ') {
        start--;
      }
      // A comment after "tasks: []" stays on the "tasks:" line.
      int end = ownLine ? c.end : lineEnd(c.end);
      StringBuilder out =
          new StringBuilder(ownLine ? "" : text.substring(c.end, end) + lineSeparator);
      String pad = " ".repeat(column);
      for (int i = 0; i < added.size(); i++) {
        Element element = added.get(i);
        out.append(i == 0 && ownLine ? "" : (i == 0 ? pad : lineSeparator + pad));
        if (element.name() == null) {
          out.append("- ");
          YamlText.block(element.value(), column + 2, lineSeparator, out);
        } else {
          out.append(YamlScalars.string(element.name(), false)).append(':');
          YamlText.memberValue(element.value(), column, lineSeparator, out);
        }
      }
      edits.replace(start, end, out.toString());
    }

    // ---- finding things in the text ----

    private Node resolve(Node root, String pointer) {
      Node node = root;
      if (pointer.isEmpty()) {
        return node;
      }
      for (String raw : pointer.substring(1).split("/", -1)) {
        String segment = raw.replace("~1", "/").replace("~0", "~");
        int i = -1;
        if (node.kind == Kind.OBJECT) {
          i = node.indexOf(segment);
        } else if (node.kind == Kind.ARRAY && segment.matches("[0-9]+")) {
          i = Integer.parseInt(segment);
          i = i < node.size() ? i : -1;
        }
        if (i < 0) {
          throw unreadable(node.start, "nothing at " + pointer + " (no " + segment + ")");
        }
        insideFlow |= node.flow;
        node = node.children.get(i);
      }
      return node;
    }

    private Node expectObject(Node node, String what) {
      if (node.kind != Kind.OBJECT) {
        throw unreadable(node.start, what + " is not an object");
      }
      return node;
    }

    private String where() {
      return entity.at().isEmpty() ? "the top of the file" : entity.at();
    }

    private UnableToReadFile unreadable(int offset, String reason) {
      int line = 1;
      for (int i = 0; i < offset && i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return new UnableToReadFile(fileName, line, column(offset) + 1, reason);
    }

    private int lineStart(int at) {
      int i = Math.min(at, text.length());
      while (i > 0 && text.charAt(i - 1) != '\n') {
        i--;
      }
      return i;
    }

    private int lineEnd(int at) {
      int i = at;
      while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      return i;
    }

    private int nextLineStart(int at) {
      int i = lineEnd(at);
      if (i < text.length() && text.charAt(i) == '\r') {
        i++;
      }
      return i < text.length() && text.charAt(i) == '\n' ? i + 1 : i;
    }

    private int column(int at) {
      return at - lineStart(at);
    }

    /** The spaces and tabs that start the line holding {@code at}. */
    private String indentOf(int at) {
      int start = lineStart(at);
      int i = start;
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      return text.substring(start, i);
    }

    private boolean blank(int start, int end) {
      return text.substring(start, end).isBlank();
    }

    private boolean multiLine(int start, int end) {
      return text.substring(start, end).indexOf('\n') >= 0;
    }

    /** One level of JSON indentation inside {@code node}, as the file writes it. */
    private String unitOf(Node node) {
      if (node.kind != Kind.SCALAR && node.size() > 0 && multiLine(node.start, node.end)) {
        String outer = indentOf(node.start);
        String inner = indentOf(node.elementStart(0));
        if (inner.length() > outer.length() && inner.startsWith(outer)) {
          return inner.substring(outer.length());
        }
      }
      return documentUnit();
    }

    /** The indentation of the first indented line; two spaces when no line is. */
    private String documentUnit() {
      int i = text.indexOf('\n');
      while (i >= 0 && i + 1 < text.length()) {
        int start = i + 1;
        int end = start;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
          end++;
        }
        if (end > start
            && end < text.length()
            && text.charAt(end) != '\n'
            && text.charAt(end) != '\r') {
          return text.substring(start, end);
        }
        i = text.indexOf('\n', start);
      }
      return "  ";
    }

    /** After the closing quote of the JSON string starting at {@code at}. */
    private int stringEnd(int at) {
      int i = at + 1;
      while (text.charAt(i) != '"') {
        i += text.charAt(i) == '\\' ? 2 : 1;
      }
      return i + 1;
    }
  }
}

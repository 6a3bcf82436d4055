package io.syncline.formats;

import io.syncline.core.BadRecord;
import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldEdit;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Layout;
import io.syncline.core.RecordKey;
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
import java.util.Optional;
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
 *
 * <p>A changed object or list field is patched inside the same way, at any depth: an object by
 * member name (changed members patched, members gone removed, new ones appended), a list by
 * position. Only a scalar that differs, or a value whose kind changed, is written anew, in the
 * quotes it had; so key order, escapes, quoting, indentation and comments inside the value stay. A
 * list is compared item by item after the longest common prefix and suffix: the items between are
 * paired by position and patched, and what is left over of the old list is removed, or of the new
 * list inserted at its place. That is the smallest edit for one item changed, inserted or removed,
 * which is what a database change usually is; a reordered list changes each moved line (a longest
 * common subsequence would save a line or two, at a price no file here needs to pay):
 *
 * <pre>
 *   old          new            prefix  suffix   edit
 *   [a, b, c]    [a, x, c]      a       c        b becomes x (patched inside when both objects)
 *   [a, b, c]    [a, x, b, c]   a       b, c     x inserted after a
 *   [a, b, c]    [a, c]         a       c        b removed, with its comma or its line
 *   [a, b, c]    [a, b, c, d]   a, b, c          d appended after c
 *   [a, b, c]    [c, a, b]                       a, b, c become c, a, b: three lines change
 * </pre>
 *
 * A new item is written like its neighbour: in YAML a string {@code "z"} joins {@code - "y"}
 * quoted, and a new record's fields take the quotes and nesting columns of the last record's; in
 * JSON it takes the neighbour's indentation. A new object in a list of objects has its members in
 * the order its neighbour has them (a database gives them sorted by name). A file that writes text
 * beyond ASCII only as escapes (backslash, u, four hex digits) gets its new text escaped too. A new
 * block item goes after the line of the item before it, so a comment above the next item stays with
 * that item.
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
   * @param updates record key text → the record's field updates
   * @param inserts record key text → canonical JSON of the whole record
   * @param deletes record key texts to remove
   * @throws UnableToReadFile if the text can't be parsed or a key to update or delete is missing
   */
  public static String apply(
      String text,
      boolean yaml,
      Entity entity,
      String fileName,
      Map<String, FieldUpdates> updates,
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

  /**
   * {@link #apply} on a file held as its UTF-8 {@code bytes} and their {@code text}: the new file's
   * bytes ({@link SplicedBytes#isUnchanged} when nothing changes). The same bytes as {@code
   * apply}'s text encoded, kept as the unchanged runs of {@code bytes} and the replacements between
   * them (see {@link TextEdits#applyToUtf8}), so a large file's new text is never a String, nor
   * encoded whole, nor copied into a new array.
   */
  static SplicedBytes applyUtf8(
      byte[] bytes,
      String text,
      boolean yaml,
      Entity entity,
      String fileName,
      Map<String, FieldUpdates> updates,
      Map<String, String> inserts,
      Set<String> deletes) {
    if (updates.isEmpty() && inserts.isEmpty() && deletes.isEmpty()) {
      return SplicedBytes.of(bytes);
    }
    String document = text;
    int from = 0;
    if (text.startsWith(BYTE_ORDER_MARK)) {
      // As in apply: the mark stays in front, and offsets count from after it (its 3 bytes).
      document = text.substring(BYTE_ORDER_MARK.length());
      from = 3;
    }
    Patch patch = new Patch(document, yaml, entity, fileName);
    patch.run(updates, inserts, deletes);
    return patch.edits.applyToUtf8(document, bytes, from);
  }

  /**
   * {@link #applyUtf8} of {@code updates} alone to a JSON list of records whose places {@code load}
   * kept ({@link RecordSpans}), for a file all ASCII, known by the bytes of the records to update
   * ({@link FileExcerpts}): those records are read from their spans alone, the rest of the text is
   * neither parsed again nor read into memory, and the edits' offsets are byte offsets. The same
   * bytes as {@code applyUtf8} gives; null when this way does not apply (no spans kept, a byte
   * beyond ASCII, spans that do not fit the bytes, a question about bytes not kept), and then the
   * caller patches the whole text as {@code applyUtf8} does.
   */
  static SplicedBytes applyFromSpans(
      FileExcerpts file,
      RecordSpans spans,
      int[] positions,
      Entity entity,
      String fileName,
      Map<String, FieldUpdates> updates) {
    if (!spans.kept() || updates.isEmpty() || !file.isAscii()) {
      return null;
    }
    Patch patch = new Patch(file, entity, fileName);
    try {
      if (!patch.updateFromSpans(spans, positions, updates)) {
        return null;
      }
    } catch (FileExcerpts.NotKept e) {
      return null; // e.g. a file's escape style, found by a scan of the whole text
    }
    return patch.edits.applyToAscii(file);
  }

  /** A list item (name null) or an object member to add. */
  private record Element(String name, Value value) {}

  private static final class Patch {
    final FileText text;

    /** The text as a String, which a parse of the whole document needs; null when not decoded. */
    private final String document;

    final boolean yaml;
    final Entity entity;
    final String fileName;
    final TextEdits edits = new TextEdits();

    /**
     * The file's line separator and escape style, each found by a scan of the whole text, so looked
     * for only when a change needs one: a change of ASCII values in a 243 MiB file needs neither
     * (see {@link #lineSeparator()}, {@link #escapeFormat()}).
     */
    private String lineSeparator;

    private Optional<String> escapeFormat;

    /** The records sit inside a YAML {..} or [..], where block style cannot start. */
    boolean insideFlow;

    Patch(String text, boolean yaml, Entity entity, String fileName) {
      this.text = FileText.of(text);
      this.document = text;
      this.yaml = yaml;
      this.entity = entity;
      this.fileName = fileName;
    }

    /** For {@link #updateFromSpans} on a JSON file's ASCII bytes, never parsed whole. */
    Patch(FileText text, Entity entity, String fileName) {
      this.text = text;
      this.document = null;
      this.yaml = false;
      this.entity = entity;
      this.fileName = fileName;
    }

    /** CRLF when the file has one anywhere, else LF. */
    private String lineSeparator() {
      if (lineSeparator == null) {
        lineSeparator = text.hasCrLf() ? "\r\n" : "\n";
      }
      return lineSeparator;
    }

    /**
     * The file writes text beyond ASCII only as escapes ({@code "Cura\\u00e7ao"}, the backslash
     * doubled here only for javac), never raw: the strings Syncline writes into it do the same, in
     * the file's case of hex digits. Null when it does not.
     */
    private String escapeFormat() {
      if (escapeFormat == null) {
        escapeFormat = Optional.ofNullable(text.escapeFormat());
      }
      return escapeFormat.orElse(null);
    }

    void run(Map<String, FieldUpdates> updates, Map<String, String> inserts, Set<String> deletes) {
      Set<String> wanted = new HashSet<>(updates.keySet());
      wanted.addAll(inserts.keySet());
      wanted.addAll(deletes);
      Node root = parse(updates, wanted);
      Node container = resolve(root, entity.at());
      if (entity.layout() == Layout.FILE) {
        if (updates.size() > 1) {
          throw unreadable(
              container.start, "one record per file, but updates for " + updates.keySet());
        }
        for (Map.Entry<String, FieldUpdates> update : updates.entrySet()) {
          patchRecord(expectObject(container, "the record"), update.getKey(), update.getValue());
        }
        return;
      }
      patchRecords(
          container, index(container, entity.layout() == Layout.MAP), updates, inserts, deletes);
    }

    /**
     * {@link #run} for updates of a JSON list of records whose places {@code load} kept: the list
     * made of the records to update, read from their spans alone ({@link Spans#listOf}). False,
     * with nothing done, when the spans are not this text's: one is missing or holds another record
     * (then {@link #run} parses the text).
     */
    boolean updateFromSpans(RecordSpans spans, int[] positions, Map<String, FieldUpdates> updates) {
      if (entity.layout() != Layout.LIST || spans.size() < 2) {
        return false; // a list of one takes a new field's separator from around it
      }
      Node list = positions == null ? null : Spans.listOf(text, spans, positions, members(updates));
      if (list == null) {
        return false;
      }
      // Each record's key, read once: to check the spans are this text's and to find the records.
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < list.size(); i++) {
        Node record = list.children.get(i);
        if (record.whole) {
          index.put(keyOrNull(record), i);
        }
      }
      if (!index.keySet().equals(updates.keySet())) {
        return false;
      }
      patchRecords(list, index, updates, Map.of(), Set.of());
      return true;
    }

    /** The members the records' patch reads: their key's and those the updates set. */
    private Set<String> members(Map<String, FieldUpdates> updates) {
      Set<String> members = new HashSet<>(entity.key());
      for (FieldUpdates fields : updates.values()) {
        members.addAll(fields.edits().keySet());
      }
      return members;
    }

    /** The key of a record read whole, or null when it is no record of this entity. */
    private String keyOrNull(Node record) {
      try {
        return record.kind == Kind.OBJECT
            ? RecordKey.text(entity, keyFieldsOf(record), fileName)
            : null;
      } catch (BadRecord e) {
        return null;
      }
    }

    /**
     * The record's key fields: its other members are not made into values just to find its key
     * (half of the work of finding ten thousand records to update, before this). A YAML record
     * whole, since a merge key or an alias may give it its key.
     */
    private Value.Obj keyFieldsOf(Node record) {
      if (record.yaml || record.alias != null) {
        return (Value.Obj) record.value();
      }
      Map<String, Value> fields = new HashMap<>();
      for (String name : entity.key()) {
        int i = record.names.lastIndexOf(name); // the last of a name given twice, as value() keeps
        if (i >= 0) {
          fields.put(name, record.children.get(i).value());
        }
      }
      return new Value.Obj(fields);
    }

    /**
     * The records of a LIST or MAP {@code container} updated, inserted and deleted; {@code index}
     * gives each record's position by its key ({@link #index}).
     */
    private void patchRecords(
        Node container,
        Map<String, Integer> index,
        Map<String, FieldUpdates> updates,
        Map<String, String> inserts,
        Set<String> deletes) {
      boolean map = entity.layout() == Layout.MAP;
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
      for (Map.Entry<String, FieldUpdates> update : updates.entrySet()) {
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
      editElements(container, removed, added, container.size(), true);
    }

    /**
     * The document, with only the records to update (and the last, see {@link Spans.Records}) read
     * whole; a record read past keeps its key only when it is {@code wanted}. A million keys of
     * records nobody touches are not worth keeping. Called from two threads for a large list (see
     * {@link Spans.Records}): it only reads what it is given.
     */
    private Node parse(Map<String, FieldUpdates> updates, Set<String> wanted) {
      if (entity.layout() == Layout.FILE) {
        return Spans.parse(document, yaml, fileName);
      }
      boolean map = entity.layout() == Layout.MAP;
      return Spans.parse(
          document,
          yaml,
          fileName,
          entity.at(),
          map ? Set.of() : Set.copyOf(entity.key()),
          (name, record) -> {
            // Null when these are not records as the entity says: run() names what is wrong.
            String key =
                map ? name : name == null && record.kind == Kind.OBJECT ? keyOf(record) : null;
            if (key != null && wanted.contains(key)) {
              record.key = key;
            }
            return key == null || updates.containsKey(key);
          });
    }

    /** The key of a JSON record in a list, from its key members alone. */
    private String keyOf(Node record) {
      if (entity.key().size() == 1) {
        // The common key, one text member, is that text (as RecordKey.text makes it), found without
        // a map and an object made for each of a million records.
        int at = record.names.lastIndexOf(entity.key().get(0));
        if (at >= 0 && record.children.get(at).value() instanceof Value.Text text) {
          return text.value();
        }
      }
      Map<String, Value> members = new LinkedHashMap<>();
      for (String name : entity.key()) {
        int at = record.names.lastIndexOf(name); // as a map keeps the last of two equal names
        if (at >= 0) {
          members.put(name, record.children.get(at).value());
        }
      }
      try {
        return RecordKey.text(entity, new Value.Obj(members), fileName);
      } catch (BadRecord e) {
        throw unreadable(record.start, e.getMessage());
      }
    }

    /** Record key → position: every record read whole, and those read past that are wanted. */
    private Map<String, Integer> index(Node container, boolean map) {
      if (container.kind != (map ? Kind.OBJECT : Kind.ARRAY)) {
        throw unreadable(
            container.start,
            "expected " + (map ? "an object" : "a list") + " of records at " + where());
      }
      Map<String, Integer> index = new LinkedHashMap<>();
      for (int i = 0; i < container.size(); i++) {
        if (map) {
          index.put(container.names.get(i), i);
          continue;
        }
        Node item = container.children.get(i);
        if (!item.whole) {
          if (item.key != null) {
            index.put(item.key, i);
          }
          continue;
        }
        expectObject(
            item.alias != null && item.target != null ? item.target : item,
            "item " + (i + 1) + " at " + where());
        try {
          index.put(RecordKey.text(entity, (Value.Obj) item.value(), fileName), i);
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

    private void patchRecord(Node record, String key, FieldUpdates fields) {
      SortedSet<Integer> removed = new TreeSet<>();
      List<Element> added = new ArrayList<>();
      for (Map.Entry<String, FieldEdit> field : fields.edits().entrySet()) {
        String name = field.getKey();
        if (entity.layout() == Layout.MAP && name.equals(entity.key().get(0))) {
          continue; // the member name is the key; a record whose key changed is deleted and
          // inserted
        }
        Value value = field.getValue().value();
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
          patchValue(old, value, record.flow);
        }
      }
      added.sort((a, b) -> Integer.compare(fieldOrder(a.name()), fieldOrder(b.name())));
      editElements(record, removed, added, record.size(), false);
    }

    private int fieldOrder(String name) {
      for (int i = 0; i < entity.fields().size(); i++) {
        if (entity.fields().get(i).name().equals(name)) {
          return i;
        }
      }
      return entity.fields().size();
    }

    // ---- patching inside a value ----

    /**
     * Makes the text of {@code old} say {@code value}, touching only what differs: an object's
     * members are patched by name, a list's items by position (see the class comment), and only a
     * scalar that differs, or a value whose kind changed, is written anew.
     */
    private void patchValue(Node old, Value value, boolean inFlow) {
      if (old.value().sameAs(value)) {
        return;
      }
      boolean patched = false;
      if (old.alias == null && old.kind == Kind.OBJECT && value instanceof Value.Obj o) {
        patched = patchMembers(old, o);
      } else if (old.alias == null && old.kind == Kind.ARRAY && value instanceof Value.Array a) {
        patched = patchItems(old, a);
      }
      if (!patched) {
        edits.replace(old.start, old.end, replacement(old, value, inFlow));
      }
    }

    /**
     * Members both have are patched in place, members gone are removed, new ones appended in the
     * value's order. False, with nothing done, when the object is better written anew: it is empty
     * or becomes empty, none of its members stays, or it uses a YAML merge key.
     */
    private boolean patchMembers(Node old, Value.Obj value) {
      if (old.size() == 0 || value.fields().isEmpty() || yaml && old.indexOf(Spans.MERGE) >= 0) {
        return false;
      }
      SortedSet<Integer> removed = new TreeSet<>();
      for (int i = 0; i < old.size(); i++) {
        if (!value.fields().containsKey(old.names.get(i))) {
          removed.add(i);
        }
      }
      if (removed.size() == old.size()) {
        return false;
      }
      for (int i = 0; i < old.size(); i++) {
        if (!removed.contains(i)) {
          patchValue(old.children.get(i), value.fields().get(old.names.get(i)), old.flow);
        }
      }
      List<Element> added = new ArrayList<>();
      value
          .fields()
          .forEach(
              (name, member) -> {
                if (old.indexOf(name) < 0) {
                  added.add(new Element(name, member));
                }
              });
      editElements(old, removed, added, old.size(), false);
      return true;
    }

    /**
     * Items are compared by position after the common prefix and suffix (see the class comment):
     * the items between are patched pairwise, the old ones left over removed, the new ones left
     * over inserted where they stand. False, with nothing done, when the list is better written
     * anew: it is empty or becomes empty, or an item goes first in a YAML block list whose first
     * item is not on its dash's line.
     */
    private boolean patchItems(Node old, Value.Array value) {
      List<Value> items = value.items();
      int n = old.size();
      int m = items.size();
      if (n == 0 || m == 0) {
        return false;
      }
      int prefix = 0;
      while (prefix < n
          && prefix < m
          && old.children.get(prefix).value().sameAs(items.get(prefix))) {
        prefix++;
      }
      int suffix = 0;
      while (suffix < n - prefix
          && suffix < m - prefix
          && old.children.get(n - 1 - suffix).value().sameAs(items.get(m - 1 - suffix))) {
        suffix++;
      }
      int paired = Math.min(n - prefix - suffix, m - prefix - suffix);
      int at = prefix + paired;
      if (!old.flow && at == 0 && m - suffix > at && dashBefore(old.children.get(0).start) < 0) {
        return false;
      }
      for (int i = prefix; i < at; i++) {
        patchValue(old.children.get(i), items.get(i), old.flow);
      }
      SortedSet<Integer> removed = new TreeSet<>();
      for (int i = at; i < n - suffix; i++) {
        removed.add(i);
      }
      List<Element> added = new ArrayList<>();
      Node neighbour = old.children.get(at > 0 ? at - 1 : Math.min(n - suffix, n - 1));
      for (int i = at; i < m - suffix; i++) {
        added.add(new Element(null, likeNeighbour(neighbour, items.get(i))));
      }
      editElements(old, removed, added, at, false);
      return true;
    }

    /**
     * A new item of a list written with its members in the order its neighbour, an object already
     * in the file, has them, the others after: a task read back from a table (its fields sorted)
     * joins its list as {@code task_key, title, done} when the tasks around it are written so.
     */
    private static Value likeNeighbour(Node neighbour, Value item) {
      if (neighbour.kind != Kind.OBJECT || !(item instanceof Value.Obj object)) {
        return item;
      }
      Map<String, Value> fields = new LinkedHashMap<>();
      for (String name : neighbour.names) {
        Value member = object.fields().get(name);
        if (member != null) {
          fields.put(name, member);
        }
      }
      fields.putAll(object.fields());
      return new Value.Obj(fields);
    }

    /** The text that takes the place of {@code old}, in the style old was written in. */
    private String replacement(Node old, Value value, boolean inFlow) {
      boolean container = value instanceof Value.Obj || value instanceof Value.Array;
      if (!yaml) {
        if (container && multiLine(old.start, old.end)) {
          return escaped(JsonText.pretty(value, indentOf(old.start), unitOf(old), lineSeparator()));
        }
        return escaped(JsonText.compact(value));
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
                lineSeparator());
        if (block != null) {
          return block;
        }
      }
      String written;
      if (value instanceof Value.Text t) {
        written = styleOf(old, -1).string(t.value(), inFlow);
      } else if (!container) {
        written = YamlScalars.scalar(value, inFlow);
      } else if (old.kind != Kind.SCALAR && !old.flow && YamlText.isBlock(value)) {
        StringBuilder out = new StringBuilder();
        YamlText.block(value, column(old.start), lineSeparator(), styleOf(old, -1), out);
        written = out.toString();
      } else {
        written = YamlText.flow(value, styleOf(old, -1));
      }
      return old.start == old.end ? " " + written : written; // "key:" with no value
    }

    /**
     * New YAML text in the style of {@code like}, a value already in the file that hangs from the
     * member name or item dash at {@code from} (-1: none): strings quoted as its strings are, block
     * values nested at its columns. A {@code like} of null gives the default style, but for escapes
     * (see {@link #escapeFormat}).
     */
    private YamlText.Style styleOf(Node like, int from) {
      return new YamlText.Style() {
        @Override
        public String string(String value, boolean flow) {
          if (like != null && like.kind == Kind.SCALAR && like.scalar instanceof Value.Text) {
            if (like.quote == '"') {
              return escaped(YamlScalars.doubleQuoted(value));
            }
            if (like.quote == '\'' && YamlScalars.singleQuoted(value) != null) {
              return YamlScalars.singleQuoted(value);
            }
          }
          if (!isAscii(value) && escapeFormat() != null) {
            return escaped(YamlScalars.doubleQuoted(value));
          }
          return YamlScalars.string(value, flow);
        }

        @Override
        public YamlText.Style member(String name) {
          int i = like != null && like.kind == Kind.OBJECT ? like.indexOf(name) : -1;
          return i < 0 ? styleOf(null, -1) : styleOf(like.children.get(i), like.nameStarts.get(i));
        }

        @Override
        public YamlText.Style item() {
          if (like == null || like.kind != Kind.ARRAY || like.size() == 0) {
            return styleOf(null, -1);
          }
          Node last = like.children.get(like.size() - 1);
          return styleOf(last, like.flow ? -1 : dashBefore(last.start));
        }

        @Override
        public int offset(Value value) {
          boolean sameKind =
              like != null
                  && like.kind != Kind.SCALAR
                  && !like.flow
                  && like.size() > 0
                  && (like.kind == Kind.OBJECT) == (value instanceof Value.Obj);
          int offset = sameKind && from >= 0 ? column(like.start) - column(from) : 2;
          return offset > 0 || offset == 0 && like.kind == Kind.ARRAY ? offset : 2;
        }

        @Override
        public boolean oneLine() {
          return like != null && like.kind != Kind.SCALAR && like.flow;
        }
      };
    }

    /** Where the dash of the block list item starting at {@code item} is, or -1. */
    private int dashBefore(int item) {
      int i = item - 1;
      while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i--;
      }
      return i >= 0 && text.charAt(i) == '-' ? i : -1;
    }

    /** JSON text, or a YAML double-quoted scalar, with escapes as the file writes them. */
    private String escaped(String written) {
      if (isAscii(written) || escapeFormat() == null) {
        return written;
      }
      StringBuilder out = new StringBuilder(written.length() + 16);
      for (int i = 0; i < written.length(); i++) {
        char c = written.charAt(i);
        out.append(c < 0x80 ? String.valueOf(c) : String.format(escapeFormat(), (int) c));
      }
      return out.toString();
    }

    /** A loop, not a stream: called for each value written, it runs before the JIT compiles it. */
    private static boolean isAscii(String text) {
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) >= 0x80) {
          return false;
        }
      }
      return true;
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

    /**
     * Removes the elements at {@code removed} and inserts {@code added} before the element at
     * {@code at} (its size: at the end). An insertion before the end never comes with removals.
     */
    private void editElements(
        Node c, SortedSet<Integer> removed, List<Element> added, int at, boolean records) {
      if (removed.isEmpty() && added.isEmpty()) {
        return;
      }
      if (c.size() == 0) {
        appendToEmpty(c, added, records);
      } else if (c.flow) {
        editFlow(c, removed, added, at);
      } else {
        editBlock(c, removed, added, at);
      }
    }

    /** Lists and objects in brackets: JSON, and YAML flow style. */
    private void editFlow(Node c, SortedSet<Integer> removed, List<Element> added, int at) {
      int n = c.size();
      int last = n - 1;
      Node sibling = c.children.get(last);
      String separator;
      if (n >= 2) {
        int comma = text.indexOf(',', c.children.get(n - 2).end);
        separator = text.substring(comma + 1, c.elementStart(last));
      } else {
        separator = text.substring(c.start + 1, c.elementStart(0));
        if (!separator.contains("\n")) {
          // YAML's own one-line style, [a, b], when nothing around says otherwise.
          separator = oneLineSeparator(c.parent, yaml && separator.isEmpty() ? " " : separator);
        }
      }
      // A new item looks like its neighbour; a new member is another field: strings plain.
      YamlText.Style style =
          styleOf(c.kind == Kind.ARRAY ? c.children.get(at < n ? at : last) : null, -1);
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
          out.append(YamlText.flow(element.value(), style));
        } else {
          if (element.name() != null) {
            out.append(JsonText.name(element.name())).append(colon);
          }
          if (pretty) {
            JsonText.pretty(element.value(), indent, unit, lineSeparator(), out);
          } else {
            out.append(JsonText.compact(element.value()));
          }
        }
        rendered.add(yaml ? out.toString() : escaped(out.toString()));
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
      if (!rendered.isEmpty() && at < n) {
        edits.insert(c.elementStart(at), String.join("," + separator, rendered) + "," + separator);
      } else if (!rendered.isEmpty()) {
        StringBuilder out = new StringBuilder();
        for (String element : rendered) {
          out.append(',').append(separator).append(element);
        }
        edits.insert(sibling.end, out.toString());
      }
    }

    /**
     * What follows a comma in the nearest container around that has two elements on one line:
     * {@code ["a"]} in {@code {"id": 1, "tags": ["a"]}} gains {@code , "b"}, with the space; {@code
     * otherwise} when there is none.
     */
    private String oneLineSeparator(Node around, String otherwise) {
      for (Node c = around; c != null; c = c.parent) {
        if (c.flow && c.size() >= 2) {
          int comma = text.indexOf(',', c.children.get(0).end);
          String separator = text.substring(comma + 1, c.elementStart(1));
          return separator.contains("\n") ? otherwise : separator;
        }
      }
      return otherwise;
    }

    /** YAML block style: each element is whole lines. */
    private void editBlock(Node c, SortedSet<Integer> removed, List<Element> added, int at) {
      int n = c.size();
      if (removed.size() == n && added.isEmpty()) {
        edits.replace(c.start, c.end, c.kind == Kind.ARRAY ? "[]" : "{}");
        return;
      }
      int from = 0;
      // "- name: a" — the first member shares its line with the list's dash, which must stay;
      // so does the first item of "- - a" with the outer dash.
      int head = c.kind == Kind.OBJECT ? c.elementStart(0) : dashBefore(c.elementStart(0));
      boolean sharesLine = head >= 0 && !blank(lineStart(head), head);
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
      List<String> lines = new ArrayList<>();
      for (Element element : added) {
        lines.add(blockElement(c, element, c.children.get(Math.max(0, at - 1))));
      }
      if (at > 0 && at < n) {
        // After the line of the item before, so that comments above the next item stay with it.
        edits.insert(
            nextLineStart(c.children.get(at - 1).end),
            String.join(lineSeparator(), lines) + lineSeparator());
        return;
      }
      if (at == 0) {
        // After the first item's dash, which may share its line ("- - a"): the new items take
        // that dash, and the old first item a new one on its own line.
        Node first = c.children.get(0);
        int dash = dashBefore(first.start);
        String line = lines.get(0);
        int value = line.indexOf('-') + 1;
        while (value < line.length() && line.charAt(value) == ' ') {
          value++;
        }
        lines.set(0, line.substring(value));
        String lead = " ".repeat(column(dash)) + text.substring(dash, first.start);
        edits.insert(first.start, String.join(lineSeparator(), lines) + lineSeparator() + lead);
        return;
      }
      int lastEnd = c.children.get(n - 1).end;
      if (lineEnd(lastEnd) == text.length()) {
        edits.insert(text.length(), lineSeparator() + String.join(lineSeparator(), lines));
      } else {
        edits.insert(nextLineStart(lastEnd), String.join(lineSeparator(), lines) + lineSeparator());
      }
    }

    /** One new element in block style, formatted like {@code sibling}, the one before it. */
    private String blockElement(Node c, Element element, Node sibling) {
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
        YamlText.Style style = styleOf(sibling, dashBefore(sibling.start));
        if (!flowLike && YamlText.isBlock(value)) {
          YamlText.block(value, itemColumn, lineSeparator(), style, out);
        } else {
          out.append(YamlText.flow(value, style));
        }
        return out.toString();
      }
      int nameColumn = column(c.elementStart(c.size() - 1));
      out.append(" ".repeat(nameColumn))
          .append(YamlScalars.string(element.name(), false))
          .append(':');
      // A member of the same shape as the one before (a record of a map, a translation of a
      // map of translations) is written like it; another field's strings are plain.
      boolean sameShape =
          sibling.kind != Kind.SCALAR
              && (sibling.kind == Kind.OBJECT) == (value instanceof Value.Obj)
              && (sibling.flow || column(sibling.start) > nameColumn);
      YamlText.Style style =
          sameShape ? styleOf(sibling, c.elementStart(c.size() - 1)) : styleOf(null, -1);
      if (flowLike || !YamlText.isBlock(value)) {
        return out.append(' ').append(YamlText.flow(value, style)).toString();
      }
      int memberColumn = sameShape ? column(sibling.start) : nameColumn + 2;
      out.append(lineSeparator()).append(" ".repeat(memberColumn));
      YamlText.block(value, memberColumn, lineSeparator(), style, out);
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
          JsonText.pretty(element.value(), inner, documentUnit(), lineSeparator(), out);
          rendered.add(escaped(out.toString()));
        }
        edits.replace(
            c.start + 1,
            c.end - 1,
            lineSeparator()
                + String.join("," + lineSeparator(), rendered)
                + lineSeparator()
                + indent);
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
          new StringBuilder(ownLine ? "" : text.substring(c.end, end) + lineSeparator());
      String pad = " ".repeat(column);
      for (int i = 0; i < added.size(); i++) {
        Element element = added.get(i);
        out.append(i == 0 && ownLine ? "" : (i == 0 ? pad : lineSeparator() + pad));
        if (element.name() == null) {
          out.append("- ");
          YamlText.block(element.value(), column + 2, lineSeparator(), out);
        } else {
          out.append(YamlScalars.string(element.name(), false)).append(':');
          YamlText.memberValue(element.value(), column, lineSeparator(), out);
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
      int i = text.indexOf('\n', 0);
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

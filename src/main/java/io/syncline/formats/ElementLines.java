package io.syncline.formats;

import io.syncline.core.BadElement;
import io.syncline.core.Entity;
import io.syncline.core.RecordKey;
import io.syncline.core.Value;
import io.syncline.formats.Spans.Kind;
import io.syncline.formats.Spans.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The line of a {@link BadElement} in its file, found by reading the file's text again: the record
 * by its key, then the list, the element and the member the refusal names. Only a refusal pays for
 * this; a load that takes its lists apart never reads a file twice.
 *
 * <p>Worked example: in
 *
 * <pre>
 *   1 {
 *   2   "epic_key": "EP-7",
 *   3   "tasks": [
 *   4     {"task_key": "T1"},
 *   5     {"title": "no key"}
 *   6   ]
 *   7 }
 * </pre>
 *
 * the element {@code tasks[1]} of {@code epic/EP-7} is on line 5, the list itself on line 3 (where
 * its name is), and {@code tasks[0].task_key} on line 4.
 */
public final class ElementLines {
  private ElementLines() {}

  /**
   * The refusal naming {@code file} and the element's line, as {@code epics/EP-7.json:5}; naming
   * only the file when the line cannot be found (a record of a map layout, a grandchild's list).
   *
   * @param entity the entity as its files were read (its key fields name the record)
   * @param origin the file as messages name it
   */
  public static BadElement locate(BadElement refusal, Entity entity, Path file, String origin) {
    int line = line(refusal, entity, file);
    return refusal.at(line > 0 ? origin + ":" + line : origin);
  }

  static int line(BadElement refusal, Entity entity, Path file) {
    String text;
    Node root;
    try {
      text = Files.readString(file);
      root = Spans.parse(text, Parsers.isYaml(file), file.toString());
    } catch (IOException | RuntimeException e) {
      return 0; // the message still names the file
    }
    Node record = record(root, entity, refusal.key(), file.toString());
    int list = record == null ? -1 : record.indexOf(refusal.list());
    if (list < 0) {
      return 0;
    }
    int at = record.nameStarts.get(list);
    Node items = record.children.get(list);
    if (refusal.index() >= 0 && items.kind == Kind.ARRAY && refusal.index() < items.size()) {
      Node element = items.children.get(refusal.index());
      at = element.start;
      int member = refusal.member() == null ? -1 : element.indexOf(refusal.member());
      if (member >= 0) {
        at = element.nameStarts.get(member);
      }
    }
    return lineOf(text, at);
  }

  /** The first object, in file order, whose key members give {@code key}. */
  private static Node record(Node root, Entity entity, String key, String fileName) {
    Deque<Node> open = new ArrayDeque<>();
    open.push(root);
    while (!open.isEmpty()) {
      Node node = open.pop();
      if (node.kind == Kind.OBJECT && keyOf(node, entity, fileName).equals(key)) {
        return node;
      }
      for (int i = node.children.size() - 1; i >= 0; i--) {
        open.push(node.children.get(i));
      }
    }
    return null;
  }

  /** The key text the object's key members give; empty when it lacks one. */
  private static String keyOf(Node node, Entity entity, String fileName) {
    Map<String, Value> members = new LinkedHashMap<>();
    for (String keyField : entity.key()) {
      int i = node.indexOf(keyField);
      if (i < 0 || node.children.get(i).kind != Kind.SCALAR) {
        return "";
      }
      members.put(keyField, node.children.get(i).value());
    }
    try {
      return RecordKey.text(entity, new Value.Obj(members), fileName);
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}

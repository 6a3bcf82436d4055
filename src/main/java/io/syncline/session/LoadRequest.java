package io.syncline.session;

import io.syncline.core.Layout;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code load} was asked: files, and how to read them when no mapping says.
 *
 * @param entity the entity's name; default: the mapping's entity for these files, or the file's
 *     name ({@code countries.json} → {@code countries}; {@code epics/*.json} → {@code epics})
 * @param key key fields; default: the mapping's, or {@code id}
 * @param at JSON Pointer to the records; default: the whole document
 * @param layout default: {@code file} for a glob, {@code list} or {@code map} by what is at {@code
 *     at}
 * @param asOf the day plans are made on ({@code enrich:}); default: today
 * @param children the list fields to keep as child tables ({@code --children tasks}); null: those
 *     the mapping names, if any
 */
public record LoadRequest(
    String path,
    String entity,
    List<String> key,
    String at,
    String table,
    Layout layout,
    LocalDate asOf,
    List<Child> children) {

  /**
   * A list field {@code --children} names, and its elements' key field; {@code key} null: guessed
   * from the elements ({@link io.syncline.core.ChildListGuess}).
   */
  public record Child(String field, String key) {}

  public LoadRequest(
      String path,
      String entity,
      List<String> key,
      String at,
      String table,
      Layout layout,
      LocalDate asOf) {
    this(path, entity, key, at, table, layout, asOf, null);
  }

  public LoadRequest(
      String path, String entity, List<String> key, String at, String table, Layout layout) {
    this(path, entity, key, at, table, layout, null, null);
  }

  /** The same request, its plans made on {@code day} unless it names a day of its own. */
  public LoadRequest asOfOr(LocalDate day) {
    return asOf != null
        ? this
        : new LoadRequest(path, entity, key, at, table, layout, day, children);
  }
}

package io.syncline.core;

/**
 * A child list, or one of its elements, that cannot be taken apart into child records: the list is
 * not a list, an element is not an object, has no key, repeats another's key, or holds a field its
 * child table keeps for itself. Besides the message it keeps where the element is, so that the
 * reader of the file, which core does not see, can name its line ({@link #at}).
 *
 * <p>Example: {@code epics/EP-7.json:12: epic/EP-7.tasks[1]: the element has no task_key (its key
 * in the list); nothing was changed}.
 *
 * @see ChildRecords#split
 */
public final class BadElement extends BadRecord {
  private final String origin;
  private final String entity;
  private final String key;
  private final String list;
  private final int index;
  private final String member;
  private final String reason;

  /**
   * @param origin the file, as messages name it
   * @param entity the entity whose records hold the list
   * @param key the key text of the record holding the list
   * @param list the list field
   * @param index the element's place in the list, from 0; -1: the list itself
   * @param member the element's field the message is about; null: the whole element
   */
  public BadElement(
      String origin,
      String entity,
      String key,
      String list,
      int index,
      String member,
      String reason) {
    super(
        origin,
        entity,
        RecordKey.display(key),
        list + (index < 0 ? "" : "[" + index + "]") + (member == null ? "" : "." + member),
        reason);
    this.origin = origin;
    this.entity = entity;
    this.key = key;
    this.list = list;
    this.index = index;
    this.member = member;
    this.reason = reason;
  }

  /** The file, as messages name it; null when not known. */
  public String origin() {
    return origin;
  }

  /** The entity whose records hold the list. */
  public String entity() {
    return entity;
  }

  /** The key text of the record holding the list. */
  public String key() {
    return key;
  }

  public String list() {
    return list;
  }

  /** The element's place in the list, from 0; -1 when the message is about the list itself. */
  public int index() {
    return index;
  }

  /** The element's field the message is about; null for the whole element or the list. */
  public String member() {
    return member;
  }

  /** The same refusal naming {@code origin} (a file and line: {@code epics/EP-7.json:12}). */
  public BadElement at(String origin) {
    return new BadElement(origin, entity, key, list, index, member, reason);
  }
}

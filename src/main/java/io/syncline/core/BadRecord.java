package io.syncline.core;

/**
 * A record that reads as JSON but cannot be synced: no key, a duplicate key, a value of the wrong
 * type for its column. Names the file, the record and the field.
 *
 * <p>The message is {@link #fact()} then the next step, by default "nothing was changed": {@code
 * epics/EP-1.json: epic.id: the record has no id (its key); nothing was changed}. A caller that
 * knows a better next step gives it with {@link #withNextStep}, never by editing the message.
 */
public class BadRecord extends SynclineException {
  private final String fact;

  public BadRecord(String origin, String entity, String key, String field, String reason) {
    this(fact(origin, entity, key, field, reason), "nothing was changed", null);
  }

  private BadRecord(String fact, String nextStep, Throwable cause) {
    super(fact + "; " + nextStep, cause);
    this.fact = fact;
  }

  /** A record without a value for one of its key fields. */
  public static MissingKey missingKey(String origin, String entity, String keyField) {
    return new MissingKey(origin, entity, keyField);
  }

  /** What is wrong, without the next step: the file, the record, the field and the reason. */
  public String fact() {
    return fact;
  }

  /** The same fact with another next step in place of "nothing was changed". */
  public BadRecord withNextStep(String nextStep) {
    return new BadRecord(fact, nextStep, this);
  }

  private static String fact(
      String origin, String entity, String key, String field, String reason) {
    return (origin == null ? "" : origin + ": ")
        + entity
        + (key == null ? "" : "/" + key)
        + (field == null ? "" : "." + field)
        + ": "
        + reason;
  }

  /**
   * A record that lacks a key field. When the key was guessed rather than named, the user's next
   * step is to name it, which {@code load} says in place of "nothing was changed".
   */
  public static final class MissingKey extends BadRecord {
    private MissingKey(String origin, String entity, String keyField) {
      super(origin, entity, null, keyField, "the record has no " + keyField + " (its key)");
    }
  }
}

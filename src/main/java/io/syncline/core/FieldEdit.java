package io.syncline.core;

/**
 * What apply does to one field of a record: set it to a value, or remove it. A file loses a removed
 * member; a row's column becomes NULL.
 */
public sealed interface FieldEdit {
  Remove REMOVE = new Remove();

  /** Sets the field to {@code text}, canonical JSON (parsed only when asked for the value). */
  record SetTo(String text) implements FieldEdit {
    public SetTo {
      if (text == null) {
        throw new IllegalArgumentException("a field is set to a value; remove it instead");
      }
    }

    @Override
    public Value value() {
      return CanonicalJson.parse(text);
    }
  }

  /** Removes the field: the record has no value for it. */
  record Remove() implements FieldEdit {
    @Override
    public Value value() {
      return Value.NULL;
    }
  }

  /**
   * The edit that makes a field hold what a side holds: its canonical text, or null where the side
   * has no value (a {@link Change}'s side, a {@link Resolution} that empties the field).
   */
  static FieldEdit to(String text) {
    return text == null ? REMOVE : new SetTo(text);
  }

  /** The field's value after the edit: {@link Value#NULL} after a removal. */
  Value value();
}

package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Records;
import io.syncline.core.Snapshot;
import io.syncline.core.Unagreed;
import io.syncline.core.Value;
import io.syncline.state.StateStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What lets a load read the table before the files are parsed: a guess of an inferred entity's
 * fields from its base, and the test that the guess read the table as the real fields would have.
 */
final class TableGuess {
  /** Enough records to see every field of a regular file; a wrong guess only costs a re-read. */
  static final int SAMPLE = 10_000;

  private TableGuess() {}

  /**
   * The entity, whose mapping names no fields, with the fields a sample of its base shows: the
   * fields of the last sync.
   */
  static Entity fromBase(Entity entity, StateStore state) {
    return InferredFields.widen(entity, typesOf(state.storedBase(entity, SAMPLE).sample(SAMPLE)));
  }

  /** The fields, with their types, of a sample of the base records. */
  static Map<String, FieldType> typesOf(Snapshot base) {
    Map<String, FieldType> types = new LinkedHashMap<>();
    int seen = 0;
    for (String key : base.keys()) {
      if (seen++ == SAMPLE) {
        break;
      }
      String text = Unagreed.without(base.get(key));
      for (Map.Entry<String, Value> field : Records.parse(text).fields().entrySet()) {
        FieldType type = FieldType.of(field.getValue());
        types.merge(field.getKey(), type, FieldType::widen);
      }
    }
    return types;
  }

  /**
   * Whether any base record holds a value of {@code field} that is not a string: a number, a
   * boolean, a list or an object. Such a field kept in a text column is a JSON one (SQLite, H2 and
   * MariaDB keep JSON as text). Reads the whole base; asked only when a file's value does not fit a
   * text column.
   */
  static boolean holdsOtherThanText(Snapshot base, String field) {
    for (String key : base.keys()) {
      Value value = Records.parse(base.get(key)).fields().get(field);
      if (value != null
          && !(value instanceof Value.Null)
          && !FieldType.TEXT.holds(FieldType.of(value))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether reading the table for {@code guess} gives what reading it for {@code entity} would: the
   * same entity but for the order of its fields, which canonical texts do not show.
   */
  static boolean readsAs(Entity guess, Entity entity) {
    return byName(guess).equals(byName(entity));
  }

  private static Entity byName(Entity entity) {
    List<Field> fields =
        entity.fields().stream().sorted(Comparator.comparing(Field::name)).toList();
    return entity.withFields(fields);
  }
}

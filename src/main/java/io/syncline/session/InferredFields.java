package io.syncline.session;

import io.syncline.core.BadRecord;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an entity whose mapping names none, from the types seen in its files (or, for a
 * guess, in its base): what {@code load}, {@code verify} and {@code export} read such an entity
 * with.
 */
final class InferredFields {
  private InferredFields() {}

  /**
   * The entity's fields after a load of inferred records: known fields keep their type (a value of
   * another type is bad input), new fields are added with the type seen.
   */
  static Entity widen(Entity entity, Map<String, FieldType> seen) {
    return widen(entity, seen, Map.of());
  }

  /**
   * {@link #widen(Entity, Map)}, where a new field that has a {@code typed} type (its column's)
   * takes that type rather than the one seen: the values were checked to fit it.
   */
  static Entity widen(Entity entity, Map<String, FieldType> seen, Map<String, FieldType> typed) {
    Map<String, Field> known = new LinkedHashMap<>();
    entity.fields().forEach(f -> known.put(f.name(), f));
    List<Field> fields = new ArrayList<>(entity.fields());
    seen.forEach(
        (name, type) -> {
          Field field = known.get(name);
          if (field == null) {
            FieldType column = typed.get(name);
            fields.add(
                new Field(
                    name,
                    null,
                    column != null ? column : type == null ? FieldType.TEXT : type,
                    null));
          } else if (type != null && field.type().widen(type) != field.type()) {
            throw new BadRecord(
                entity.files(),
                entity.name(),
                null,
                name,
                "the files now hold "
                    + type.lowerName()
                    + " values where column "
                    + field.column()
                    + " holds "
                    + field.type().lowerName()
                    + " (declare the field's type in syncline.yml to change it)");
          }
        });
    return entity.withFields(fields);
  }
}

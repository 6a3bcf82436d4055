package io.syncline.sql;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Records;
import io.syncline.core.SynclineException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The columns an entity's rows are read from, in the order of their fields' names, so that
 * appending column after column gives the fields of the record's canonical text in order. Worked
 * example, entity {@code book} keyed by {@code isbn}, with a row of its table:
 *
 * <pre>
 *   columns, as selected    done     isbn    pages  price  tags
 *   the row                 1        '978'   12     9.50   '["a"]'
 *   as one JSON array       [1,"978",12,9.5,"[\"a\"]"]          (Dialect#rowAsJsonArray)
 *   its record text         {"done":true,"isbn":"978","pages":12,"price":9.5,"tags":["a"]}
 *   its key                 978
 * </pre>
 *
 * A NULL column leaves its field out of the text. The ways between the two:
 *
 * <ul>
 *   <li>a row to text: {@link RowText} from the values the driver hands out ({@link ColumnValues}:
 *       a {@code ResultSet}'s, or an {@link ArrayRow}'s read from the row's JSON array), the
 *       general way; {@link ArrayRowText} copying straight from the JSON array where that gives the
 *       same text, the fast way. Both write into a {@link RecordTextOut}.
 *   <li>text to a row: {@link FieldSpans} finds each field's value in the text, {@link RowValues}
 *       reads them ready to bind ({@link RowBinder#bindRead}).
 * </ul>
 *
 * Both ways share {@link JsonText}'s rules of what JSON text looks like.
 */
final class RowColumns {
  private final Entity entity;
  private final List<Field> fields = new ArrayList<>();
  private final FieldType[] types;
  private final String[] names;

  /** For each column, its position in the key, or -1. */
  private final int[] keyPosition;

  /**
   * @param present the table's columns; fields without a column (not created yet) read as null
   */
  RowColumns(Entity entity, Set<String> present) {
    this.entity = entity;
    for (Field field : Records.sortedFileFields(entity)) {
      if (present == null
          || present.contains(field.column())
          || ParentIds.resolved(entity, field)) {
        fields.add(field);
      }
    }
    types = new FieldType[fields.size()];
    names = new String[fields.size()];
    for (int i = 0; i < names.length; i++) {
      types[i] = fields.get(i).type();
      StringBuilder name = new StringBuilder();
      CanonicalJson.quote(fields.get(i).name(), name);
      names[i] = name.append(':').toString();
    }
    keyPosition = new int[fields.size()];
    Arrays.fill(keyPosition, -1);
    for (int k = 0; k < entity.key().size(); k++) {
      int column = indexOf(entity.key().get(k));
      if (column < 0) {
        throw new SynclineException(
            "table "
                + entity.table()
                + " has no column for "
                + entity.key().get(k)
                + ", part of the key of "
                + entity.name());
      }
      keyPosition[column] = k;
    }
  }

  Entity entity() {
    return entity;
  }

  /** The columns' fields, in select order. */
  List<Field> fields() {
    return fields;
  }

  int count() {
    return names.length;
  }

  FieldType type(int column) {
    return types[column];
  }

  /** The column's {@code "name":}, as the record text has it. */
  String name(int column) {
    return names[column];
  }

  /** The column's position in the key, or -1. */
  int keyPosition(int column) {
    return keyPosition[column];
  }

  int keyParts() {
    return entity.key().size();
  }

  /**
   * {@code "a", "b"}: the columns to select, in the order they are read; a parent's key field of a
   * table pointing at its parent by id is read through the parent's table ({@link ParentIds}).
   */
  String selectList(Dialect dialect) {
    StringBuilder sql = new StringBuilder();
    for (Field field : fields) {
      sql.append(sql.length() == 0 ? "" : ", ").append(ParentIds.select(dialect, entity, field));
    }
    return sql.toString();
  }

  /** The refusal of a row whose key column is NULL. */
  SynclineException noKey(int column) {
    String name = fields.get(column).column();
    return new SynclineException(
        "table "
            + entity.table()
            + " has a row without "
            + name
            + ", part of its key; give the row a "
            + name
            + " or delete it");
  }

  private int indexOf(String fieldName) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(fieldName)) {
        return i;
      }
    }
    return -1;
  }
}

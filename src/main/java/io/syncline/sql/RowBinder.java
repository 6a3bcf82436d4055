package io.syncline.sql;

import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.UnableToApplyChange;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds a record's values to a statement's parameters by their fields' types, the dialect binding
 * what databases bind differently (dates, decimals, JSON); and the key condition ({@link
 * #whereKey}) whose parameters {@link #bindKey} fills, which updates, deletes and {@link
 * RowGuard}'s re-reads share. A value its column cannot hold as it is ({@code "abc"} for an
 * integer) is refused, naming the record and field, before the database sees it.
 */
final class RowBinder {
  private final Dialect dialect;

  RowBinder(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * {@code WHERE "k1" = ? AND "k2" = ?}; for a table pointing at its parent by id, the parent's key
   * finds the id ({@link ParentIds}).
   */
  String whereKey(Entity entity) {
    return " WHERE " + ParentIds.keyCondition(dialect, entity);
  }

  /**
   * The entity's {@code k}th key field; a key that names no field is text in a column of its name.
   */
  static Field keyField(Entity entity, int k) {
    String name = entity.key().get(k);
    return entity.field(name).orElseGet(() -> new Field(name, null, FieldType.TEXT, null));
  }

  /** Binds the key fields of {@code record} from {@code index} on; returns the next index. */
  int bindKey(PreparedStatement statement, int index, Entity entity, String key, Value.Obj record)
      throws SQLException {
    for (int k = 0; k < entity.key().size(); k++) {
      Field field = keyField(entity, k);
      bind(statement, index++, entity, key, field, record.get(field.name()));
    }
    return index;
  }

  /** Binds a value by its field's type; refuses a value the column cannot hold as it is. */
  void bind(
      PreparedStatement statement, int index, Entity entity, String key, Field field, Value value)
      throws SQLException {
    if (value instanceof Value.Null) {
      statement.setNull(index, dialect.nullType(field.type()));
      return;
    }
    switch (field.type()) {
      case TEXT -> {
        if (!(value instanceof Value.Text text)) {
          throw wrongType(entity, key, field, value);
        }
        statement.setString(index, text.value());
      }
      case INTEGER, DECIMAL -> {
        if (!(value instanceof Value.Num number) || !field.type().accepts(value)) {
          throw wrongType(entity, key, field, value);
        }
        bindNumber(statement, index, number.value());
      }
      case BOOLEAN -> {
        if (!(value instanceof Value.Bool bool)) {
          throw wrongType(entity, key, field, value);
        }
        statement.setBoolean(index, bool.value());
      }
      case DATE -> {
        if (!field.type().accepts(value)) {
          throw wrongType(entity, key, field, value);
        }
        dialect.bindDate(statement, index, ((Value.Text) value).value());
      }
      default -> dialect.bindJson(statement, index, value.canonical());
    }
  }

  /** Binds a value {@link RowValues} read, by its field's type. */
  void bindRead(PreparedStatement statement, int index, FieldType type, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, dialect.nullType(type));
      return;
    }
    switch (type) {
      case TEXT -> statement.setString(index, (String) value);
      case DATE -> dialect.bindDate(statement, index, (String) value);
      case INTEGER, DECIMAL -> {
        if (value instanceof Long whole) {
          statement.setLong(index, whole);
        } else if (value instanceof String digits) {
          dialect.bindDecimal(statement, index, digits);
        } else {
          bindNumber(statement, index, (BigDecimal) value);
        }
      }
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      default -> dialect.bindJson(statement, index, (String) value);
    }
  }

  private void bindNumber(PreparedStatement statement, int index, BigDecimal exact)
      throws SQLException {
    Long whole = whole(exact);
    if (whole != null) {
      statement.setLong(index, whole);
    } else {
      dialect.bindDecimal(statement, index, exact);
    }
  }

  /** The number as a long when it is whole and fits, else null. */
  private static Long whole(BigDecimal number) {
    if (number.signum() == 0) {
      return 0L;
    }
    BigDecimal stripped = number.stripTrailingZeros();
    if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > 18) {
      return null;
    }
    return stripped.longValueExact();
  }

  private static UnableToApplyChange wrongType(
      Entity entity, String key, Field field, Value value) {
    return new UnableToApplyChange(
        "table " + entity.table(),
        key,
        "field "
            + field.name()
            + " holds "
            + value.display()
            + ", which is not "
            + field.type().lowerName()
            + " as its column "
            + field.column()
            + " requires",
        null);
  }
}

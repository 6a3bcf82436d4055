package io.syncline.sql;

import io.syncline.core.FieldType;
import java.sql.Types;
import java.util.Locale;

/**
 * What a column holds, as {@code copy} moves it between databases, and the Java value it moves it
 * as. Read from the source's metadata by {@link #of}; each {@link Dialect} reads, binds and names
 * the SQL type of each kind.
 */
public enum ColumnKind {
  /** {@code String}. */
  TEXT,
  /** {@code Long}. */
  INTEGER,
  /** {@code BigDecimal}; floating-point columns too, by their decimal spelling. */
  DECIMAL,
  /** {@code Boolean}; SQLite's 0/1 included. */
  BOOLEAN,
  /** {@code String}, ISO {@code yyyy-mm-dd}. */
  DATE,
  /** {@code java.time.LocalDateTime}: a timestamp without a zone. */
  TIMESTAMP,
  /** {@code java.time.Instant}: a timestamp with a zone (PostgreSQL's TIMESTAMPTZ). */
  TIMESTAMPTZ,
  /** {@code String}: canonical JSON text (JSONB on PostgreSQL, JSON on MariaDB). */
  JSON;

  /**
   * The kind of a column from {@code DatabaseMetaData.getColumns}' {@code DATA_TYPE} and {@code
   * TYPE_NAME}, or null when {@code copy} cannot move it (binary, arrays, geometry).
   *
   * <pre>
   *   PostgreSQL jsonb (OTHER, "jsonb")               → JSON
   *   PostgreSQL timestamptz (TIMESTAMP, "timestamptz") → TIMESTAMPTZ
   *   PostgreSQL bool (BIT, "bool")                   → BOOLEAN
   *   MariaDB BOOLEAN = TINYINT(1) (BIT, "BIT")       → BOOLEAN
   *   SQLite "BOOLEAN", "DATE", "JSON": the declared type name decides
   * </pre>
   */
  public static ColumnKind of(int jdbcType, String typeName) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (name.contains("json")) {
      return JSON;
    }
    if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
        || name.equals("timestamptz")
        || name.contains("with time zone")) {
      return TIMESTAMPTZ;
    }
    if (jdbcType == Types.TIMESTAMP
        || name.startsWith("timestamp")
        || name.startsWith("datetime")) {
      return TIMESTAMP;
    }
    if (jdbcType == Types.DATE || name.equals("date")) {
      return DATE;
    }
    if (jdbcType == Types.BOOLEAN || jdbcType == Types.BIT || name.startsWith("bool")) {
      return BOOLEAN;
    }
    switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        return INTEGER;
      }
      case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE -> {
        return DECIMAL;
      }
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR,
          Types.CLOB,
          Types.NCLOB -> {
        return TEXT;
      }
      default -> {
        return name.equals("text") || name.equals("uuid") || name.isEmpty() ? TEXT : null;
      }
    }
  }

  /** The field type with the same column types, for the kinds sync knows too. */
  FieldType fieldType() {
    return switch (this) {
      case INTEGER -> FieldType.INTEGER;
      case DECIMAL -> FieldType.DECIMAL;
      case BOOLEAN -> FieldType.BOOLEAN;
      case DATE -> FieldType.DATE;
      case JSON -> FieldType.JSON;
      default -> FieldType.TEXT;
    };
  }
}

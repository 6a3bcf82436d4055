package io.syncline.sql;

import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Value;
import io.syncline.runtime.Background;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The column values of inserted records, read from their canonical texts ({@link FieldSpans}) ready
 * to bind: for each field null (SQL NULL), a {@code String} (text, date or JSON, by the field's
 * type), a {@code Long} or {@code BigDecimal} (or, for a decimal such as {@code 948.9}, its digits
 * as a {@code String}), or a {@code Boolean}. For the fields {@code done, isbn, pages, price,
 * tags}:
 *
 * <pre>
 *   {"isbn":"978","pages":12,"price":9.5,"tags":["a"]}
 *   → null, "978", 12L, "9.5", "[\"a\"]"        bound by {@link RowBinder#bindRead}
 * </pre>
 *
 * <p>Why apart from binding: reading the texts is pure work that needs no connection, so for a
 * large insert it runs on the other core, a chunk ahead of the statements that bind and send the
 * rows, so that the thread the apply waits for only binds and sends.
 *
 * <p>A record whose values cannot be read exactly from its text (escapes, an exponent, a value of
 * the wrong type for its column) gets no values; the caller parses it, which also reports what is
 * wrong with it.
 */
final class RowValues {
  /** Records read per chunk; a chunk is read while the one before is bound and sent. */
  static final int CHUNK = 4096;

  private static final Executor AHEAD = Background.threads("syncline-rows");

  private final List<Field> fields;

  RowValues(List<Field> fields) {
    this.fields = fields;
  }

  /** Records and their values, one array per record, null for a record to be parsed. */
  record Chunk(List<Map.Entry<String, String>> records, Object[][] values) {}

  /**
   * The next {@code count} records of {@code records} with their values, read on the other core:
   * nothing else may walk {@code records} until the chunk is {@link #joined}.
   */
  CompletableFuture<Chunk> readAhead(Iterator<Map.Entry<String, String>> records, int count) {
    return CompletableFuture.supplyAsync(() -> read(records, count), AHEAD);
  }

  /** The chunk read by {@link #readAhead}, or its failure as it was thrown. */
  static Chunk joined(CompletableFuture<Chunk> chunk) {
    try {
      return chunk.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  Chunk read(Iterator<Map.Entry<String, String>> records, int count) {
    FieldSpans text = new FieldSpans(fields);
    List<Map.Entry<String, String>> chunk = new ArrayList<>(count);
    Object[][] rows = new Object[count][];
    for (int r = 0; r < count; r++) {
      Map.Entry<String, String> record = records.next();
      chunk.add(record);
      rows[r] = values(text, record.getValue());
    }
    return new Chunk(chunk, rows);
  }

  private Object[] values(FieldSpans text, String record) {
    if (!text.scan(record)) {
      return null;
    }
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      if (!text.has(i) || text.first(i) == 'n') { // the scan checked that n starts null
        continue;
      }
      Object value = value(fields.get(i).type(), text, i);
      if (value == null) {
        return null;
      }
      values[i] = value;
    }
    return values;
  }

  /** The field's value from its span, as a bind of the parsed value would take it; else null. */
  private static Object value(FieldType type, FieldSpans text, int i) {
    switch (type) {
      case TEXT, DATE -> {
        String plain = text.plainString(i);
        if (plain == null || (type == FieldType.DATE && !type.accepts(new Value.Text(plain)))) {
          return null;
        }
        return plain;
      }
      case INTEGER, DECIMAL -> {
        String number = text.span(i);
        if (JsonText.isLong(number)) {
          return Long.parseLong(number);
        }
        if (type == FieldType.DECIMAL && JsonText.isPlainFraction(number)) {
          return number; // bound as its digits (Dialect#bindDecimal(..., String))
        }
        BigDecimal exact;
        try {
          exact = new BigDecimal(number);
        } catch (NumberFormatException notANumber) {
          return null;
        }
        if (type == FieldType.INTEGER && FieldType.ofNumber(exact) != FieldType.INTEGER) {
          return null;
        }
        return exact;
      }
      case BOOLEAN -> {
        char first = text.first(i);
        return first == 't' ? Boolean.TRUE : first == 'f' ? Boolean.FALSE : null;
      }
      default -> {
        String json = text.span(i);
        return JsonText.looksCanonical(json) ? json : null;
      }
    }
  }
}

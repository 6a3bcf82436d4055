package io.syncline.sql;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.syncline.core.Entity;
import io.syncline.core.FieldType;
import io.syncline.sql.sqlite.SqliteDialect;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A table row read as SQLite's {@code json_array} is turned into record text by copying, where that
 * is exactly what the general reading ({@link ArrayRow} then {@link RowText}) gives; any other row
 * is left to the general reading.
 */
class ArrayRowTextTest {
  // Selected in the order of the names: active, address, age, id, joined, name, score, tags.
  static final Entity ENTITY =
      entity("rec")
          .files("rec.json")
          .text("id", "name")
          .fields(FieldType.INTEGER, "age")
          .fields(FieldType.DECIMAL, "score")
          .fields(FieldType.BOOLEAN, "active")
          .fields(FieldType.DATE, "joined")
          .fields(FieldType.JSON, "tags", "address")
          .build();

  @ParameterizedTest(name = "{0} copied: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        // the usual row of the benchmark
        "[1,\"{\\\"city\\\":\\\"Lima\\\",\\\"zip\\\":\\\"81077\\\"}\",58,\"rec-1\",\"2015-06-24\",\"Person 1\",948.9,\"[\\\"beta\\\",\\\"epsilon\\\"]\"] | true",
        "[null,null,null,\"rec-2\",null,null,null,null] | true",
        "[0,null,-7,\"rec-3\",null,\"Zoë\",-0.5,\"[]\"] | true",
        "[0,null,0,\"rec-4\",null,\"\",10,\"null\"] | true",
        "[1,null,null,\"rec-5\",null,null,0.25,\"[1,{\\\"a\\\":true}]\"] | true",
        // escapes, values that are not written as they are held, the unexpected
        "[0,null,1,\"rec-6\",null,\"say \\\"hi\\\"\",1.5,null] | false",
        "[0,null,1,\"rec-7\",null,\"line\\nbreak\",1.5,null] | false",
        "[0,\"{\\\"zip\\\":\\\"1\\\",\\\"city\\\":\\\"x\\\"}\",1,\"rec-8\",null,null,null,null] | false",
        "[0,null,1,\"rec-9\",null,null,948.0,null] | false",
        "[0,null,1,\"rec-10\",null,null,1.0e+20,null] | false",
        "[2,null,1,\"rec-11\",null,null,null,null] | false",
        "[\"true\",null,1,\"rec-12\",null,null,null,null] | false",
        "[0,null,1,\"rec-13\",\"2015-06-24 10:00:00\",null,null,null] | false",
        "[0,null,1.5,\"rec-14\",null,null,null,null] | false",
        "[0,null,-0,\"rec-21\",null,null,-0,null] | false",
        "[0,null,1,\"rec-22\",null,null,-0.0,null] | false",
        "[0,null,\"12\",\"rec-15\",null,null,null,null] | false",
        "[0,null,1,\"rec-16\",null,5,null,null] | false",
        "[0,null,1,\"rec-17\",null,null,null,\"[1, 2]\"] | false",
        "[0,null,1,\"rec-18\",null,null,null,\"[\\\"a\\\\nb\\\"]\"] | false",
        "[0,null,1,\"rec\\\\19\",null,null,null,null] | false",
        "[0,null,1,\"rec-20\",null,null,null] | false",
      })
  void whatIsCopiedReadsAsTheGeneralReadingReadsIt(String array, boolean copied)
      throws SQLException {
    RecordTextOut out = new RecordTextOut(new RowColumns(ENTITY, null));
    CharSequence text = new ArrayRowText(out).text(array);
    String fast = text == null ? null : text.toString();
    String fastKey = out.key();

    assertThat(fast != null).as("copied").isEqualTo(copied);
    RowText format = new RowText(new RowColumns(ENTITY, null), new SqliteDialect());
    ArrayRow row = new ArrayRow();
    Throwable general = catchThrowable(() -> row.read(array));
    if (fast != null) {
      assertThat(general).isNull();
      assertThat(fast).isEqualTo(format.text(row));
      assertThat(fastKey).isEqualTo(format.key());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "[0,null,1,null,null,null,null,null]",
        "[0,null,1,\"k\",null,null,null,null,7]",
        "'[0,null,1,\"k\",null,null,null,null] '",
        "0,null,1,\"k\",null,null,null,null]",
      })
  void aRowWithoutItsKeyOrOfAnotherShapeIsLeftToTheGeneralReading(String array) {
    assertThat(new ArrayRowText(new RecordTextOut(new RowColumns(ENTITY, null))).text(array))
        .isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {"[\"null\",\"x\"]", "[\"[1]\",\"x\"]"})
  void aJsonKeyIsCopiedOnlyWhenItHoldsAValue(String array) throws SQLException {
    Entity entity = entity("doc").files("d.json").fields(FieldType.JSON, "id").text("name").build();
    RecordTextOut out = new RecordTextOut(new RowColumns(entity, null));
    CharSequence copied = new ArrayRowText(out).text(array);

    ArrayRow row = new ArrayRow();
    row.read(array);
    RowText general = new RowText(new RowColumns(entity, null), new SqliteDialect());
    Throwable refused = catchThrowable(() -> general.text(row));
    if (refused != null) {
      assertThat(copied).as("left to the general reading, which refuses it").isNull();
    } else {
      assertThat(copied.toString()).isEqualTo(general.text(row));
      assertThat(out.key()).isEqualTo(general.key());
    }
  }
}

package io.syncline.state;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldType;
import io.syncline.core.Snapshot;
import io.syncline.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timings for a million rows; off by default. Run with {@code mvn -o test
 * -Dtest=BulkMeasurementTest -Dsyncline.measure=1000000} (any row count), and for another database
 * add {@code -Dsyncline.url=jdbc:...}.
 */
@EnabledIfSystemProperty(named = "syncline.measure", matches = "\\d+")
class BulkMeasurementTest {
  static final Entity BOOK =
      entity("book")
          .files("books.json")
          .table("books")
          .key("isbn")
          .text("isbn", "title")
          .fields(FieldType.INTEGER, "pages")
          .fields(FieldType.DECIMAL, "price")
          .fields(FieldType.BOOLEAN, "in_print")
          .fields(FieldType.DATE, "published")
          .fields(FieldType.JSON, "tags")
          .build();

  @TempDir Path dir;

  @Test
  void aMillionInsertsWithTheirBaseApplyAndReadInSeconds() throws Exception {
    int rows = Integer.parseInt(System.getProperty("syncline.measure"));
    String url = System.getProperty("syncline.url", "jdbc:sqlite:" + dir.resolve("bulk.db"));
    EntityPlan plan = EntityPlan.empty(BOOK);
    for (int i = 0; i < rows; i++) {
      String key = String.format("978%010d", i);
      String text =
          "{\"in_print\":"
              + (i % 2 == 0)
              + ",\"isbn\":\""
              + key
              + "\",\"pages\":"
              + (100 + i % 900)
              + ",\"price\":"
              + (i % 100)
              + "."
              + (i % 10)
              + "5,\"published\":\"2020-0"
              + (1 + i % 9)
              + "-1"
              + (i % 10)
              + "\",\"tags\":[\"t"
              + (i % 7)
              + "\",\"x\"],\"title\":\"Book number "
              + i
              + "\"}";
      plan.databaseInserts().put(key, text);
      plan.base().put(key, text);
    }
    try (Database db = Database.open(url, System.getProperty("syncline.user"), null, false)) {
      StateStore store = new StateStore(db);
      store.base(BOOK);

      long start = System.nanoTime();
      db.apply(db.schemaChanges(BOOK), List.of(plan), store.writeBase(List.of(plan)), null);
      long applied = System.nanoTime();
      Snapshot read = db.read(BOOK);
      long readDone = System.nanoTime();
      Snapshot base = store.base(BOOK);
      long baseDone = System.nanoTime();

      assertThat(read.size()).isEqualTo(rows);
      assertThat(base.size()).isEqualTo(rows);
      String sample = String.format("978%010d", rows / 2);
      assertThat(read.get(sample)).isEqualTo(plan.databaseInserts().get(sample));
      System.out.printf(
          "%s: %d rows: apply (inserts + base) %d ms, read %d ms, base read %d ms%s%n",
          db.describe(),
          rows,
          (applied - start) / 1_000_000,
          (readDone - applied) / 1_000_000,
          (baseDone - readDone) / 1_000_000,
          url.startsWith("jdbc:sqlite:")
              ? ", file " + Files.size(dir.resolve("bulk.db")) / 1_000_000 + " MB"
              : "");
    }
  }
}

package io.syncline.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sql.h2.H2Dialect;
import io.syncline.sql.mariadb.MariaDbDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreSqlTest {
  @Test
  void eachBracedNameIsQuotedAsTheDialectQuotesIt() {
    String template = "SELECT {id}, COUNT(*) FROM {syncline_log} WHERE {run_id} = ?";

    assertThat(new StoreSql(new MariaDbDialect()).spell(template))
        .isEqualTo("SELECT `id`, COUNT(*) FROM `syncline_log` WHERE `run_id` = ?");
    assertThat(new StoreSql(new H2Dialect()).spell(template))
        .isEqualTo("SELECT \"id\", COUNT(*) FROM \"syncline_log\" WHERE \"run_id\" = ?");
  }

  @Test
  void anInsertTakesOneParameterPerColumnInTheirOrder() {
    assertThat(
            new StoreSql(new MariaDbDialect())
                .insert("syncline_checkpoint", List.of("name", "created_at", "log_id")))
        .isEqualTo(
            "INSERT INTO `syncline_checkpoint` (`name`, `created_at`, `log_id`) VALUES (?, ?, ?)");
  }
}

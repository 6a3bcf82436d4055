package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a PostgreSQL connection is named at the prompt and in the log: its schema included. */
class PostgresNameTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://db:5432/test | postgresql://db:5432/test",
        "jdbc:postgresql://db:5432/test?user=u&password=*** | postgresql://db:5432/test",
        "jdbc:postgresql://db:5432/test?currentSchema=app | postgresql://db:5432/test?currentSchema=app",
        "jdbc:postgresql://db:5432/test?user=u&currentSchema=app_test&ssl=false"
            + " | postgresql://db:5432/test?currentSchema=app_test",
        "jdbc:postgresql://db:5432/test?currentSchema= | postgresql://db:5432/test",
      })
  void twoSchemasOfOneDatabaseAreNamedApart(String url, String name) {
    assertThat(Database.shortName(url)).isEqualTo(name);
  }
}

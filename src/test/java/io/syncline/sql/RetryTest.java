package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.sql.mariadb.MariaDbDialect;
import io.syncline.sql.postgresql.PostgresDialect;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures copy retries, and how long it waits: by SQLSTATE and vendor code only. */
class RetryTest {
  final List<Long> waits = new ArrayList<>();
  final List<String> recovered = new ArrayList<>();

  Retry retry(Dialect dialect) {
    return new Retry(dialect, waits::add);
  }

  /** Fails with {@code failure} the first {@code times} attempts, then succeeds. */
  static Retry.Attempt failing(int times, SQLException failure, int[] attempts) {
    return () -> {
      if (attempts[0]++ < times) {
        throw failure;
      }
    };
  }

  @ParameterizedTest(name = "SQLSTATE {0}")
  @CsvSource({"40001", "40P01", "55P03", "08006", "08001"})
  void transientStatesAreRetriedWithGrowingWaits(String state) throws SQLException {
    int[] attempts = {0};
    // The message says nothing useful on purpose: only the SQLSTATE decides.
    SQLException failure = new SQLException("boom", state);

    retry(new PostgresDialect())
        .run(failing(2, failure, attempts), e -> recovered.add(e.getSQLState()));

    assertThat(attempts[0]).isEqualTo(3);
    assertThat(waits).containsExactly(100L, 200L);
    assertThat(recovered).containsExactly(state, state);
  }

  @Test
  void mariaDbLockWaitTimeoutIsTransientByItsVendorCode() throws SQLException {
    int[] attempts = {0};
    SQLException lockWait = new SQLException("Lock wait timeout exceeded", "HY000", 1205);

    retry(new MariaDbDialect()).run(failing(1, lockWait, attempts), e -> {});

    assertThat(attempts[0]).isEqualTo(2);
    assertThat(waits).containsExactly(100L);
  }

  @Test
  void aConstraintViolationIsNotRetriedWhateverItsMessageSays() {
    int[] attempts = {0};
    SQLException check = new SQLException("deadlock detected (not really)", "23514");

    assertThatThrownBy(() -> retry(new PostgresDialect()).run(failing(9, check, attempts), e -> {}))
        .isSameAs(check);
    assertThat(attempts[0]).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void aProtocolViolationIsNotTheDatabaseBeingBusy() {
    // What PostgreSQL answers to a NUL in a statement: class 08, but the statement's fault.
    SQLException nul = new SQLException("insufficient data left in message", "08P01");

    assertThat(new PostgresDialect().isTransient(nul)).isFalse();
    assertThat(SqlExceptionTranslator.reason(new PostgresDialect(), nul)).doesNotContain("busy");
  }

  @Test
  void aTransientErrorThatKeepsComingIsThrownAfterFiveAttempts() {
    int[] attempts = {0};
    SQLException serialization = new SQLException("could not serialize", "40001");

    assertThatThrownBy(
            () -> retry(new PostgresDialect()).run(failing(99, serialization, attempts), e -> {}))
        .isSameAs(serialization);
    assertThat(attempts[0]).isEqualTo(Retry.ATTEMPTS);
    assertThat(waits).containsExactly(100L, 200L, 400L, 800L);
  }

  @Test
  void aBatchFailureIsTransientWhenTheErrorItCarriesIs() throws SQLException {
    int[] attempts = {0};
    BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", new int[0]);
    batch.setNextException(new SQLException("deadlock", "40P01"));

    retry(new PostgresDialect()).run(failing(1, batch, attempts), e -> {});

    assertThat(attempts[0]).isEqualTo(2);
  }
}

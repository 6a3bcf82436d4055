package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.SynclineException;
import io.syncline.sql.h2.H2Dialect;
import io.syncline.sql.mariadb.MariaDbDialect;
import io.syncline.sql.postgresql.PostgresDialect;
import io.syncline.sql.sqlite.SqliteDialect;
import org.junit.jupiter.api.Test;

/** Where a statement or a condition typed by a user ends, as each database's lexer reads it. */
class SqlTextTest {
  static final SqlText.Lexis SQLITE = new SqliteDialect().lexis();
  static final SqlText.Lexis H2 = new H2Dialect().lexis();
  static final SqlText.Lexis POSTGRES = new PostgresDialect().lexis();
  static final SqlText.Lexis MARIADB = new MariaDbDialect().lexis();

  static void refused(String sql, SqlText.Lexis lexis) {
    assertThatThrownBy(() -> SqlText.oneStatement(sql, lexis))
        .as(sql)
        .isInstanceOf(SynclineException.Usage.class);
  }

  @Test
  void oneStatementKeepsItsTextAndDropsATrailingSemicolon() {
    for (SqlText.Lexis lexis : new SqlText.Lexis[] {SQLITE, H2, POSTGRES, MARIADB}) {
      assertThat(SqlText.oneStatement("SELECT 1", lexis)).isEqualTo("SELECT 1");
      assertThat(SqlText.oneStatement("SELECT 1; ", lexis)).isEqualTo("SELECT 1");
      assertThat(SqlText.oneStatement("SELECT 1;\n-- done", lexis)).isEqualTo("SELECT 1");
      assertThat(SqlText.oneStatement("SELECT ';' AS \"a;b\" /* ; */", lexis))
          .isEqualTo("SELECT ';' AS \"a;b\" /* ; */");
      assertThat(SqlText.oneStatement("SELECT 'it''s; fine'", lexis))
          .isEqualTo("SELECT 'it''s; fine'");
    }
  }

  @Test
  void aSecondStatementIsRefusedNamingTheColumnOfTheSemicolon() {
    assertThatThrownBy(
            () -> SqlText.oneStatement("SELECT 1; COMMIT; BEGIN READ WRITE; DELETE FROM v", SQLITE))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage(
            "one statement per `sql`: a second one starts after the `;` at column 9; run each"
                + " statement with its own `sql`");
    for (SqlText.Lexis lexis : new SqlText.Lexis[] {SQLITE, H2, POSTGRES, MARIADB}) {
      refused("SELECT 1; DELETE FROM victim", lexis);
      refused("SELECT 1 -- comment\n; DELETE FROM victim", lexis);
      refused("SELECT 1 -- comment\r; DELETE FROM victim", lexis);
      refused("SELECT 'unterminated; DELETE FROM victim", lexis);
      refused("SELECT 1 /* unterminated; DELETE FROM victim", lexis);
    }
  }

  @Test
  void eachDatabaseSpellsItsLiteralsItsOwnWay() {
    // MariaDB: a backslash escapes the quote, so this is one string
    assertThat(SqlText.oneStatement("SELECT 'a\\'; DELETE FROM victim; -- '", MARIADB))
        .endsWith("-- '");
    // PostgreSQL and the others: the backslash is a character, the string ends after it
    refused("SELECT 'a\\'; DELETE FROM victim; -- '", POSTGRES);
    refused("SELECT 'a\\'; DELETE FROM victim; -- '", SQLITE);
    assertThat(SqlText.oneStatement("SELECT E'a\\'; b'", POSTGRES)).isEqualTo("SELECT E'a\\'; b'");
    // dollar quotes and nested comments in PostgreSQL, a $1 parameter is no quote
    assertThat(SqlText.oneStatement("SELECT $q$ ; $q$, $$;$$", POSTGRES)).endsWith("$$;$$");
    refused("SELECT $1; DELETE FROM victim", POSTGRES);
    assertThat(SqlText.oneStatement("SELECT 1 /* a /* b */ ; */", POSTGRES)).endsWith("*/");
    refused("SELECT 1 /* a /* b */ ; DELETE FROM victim */", MARIADB);
    // MariaDB: -- needs a space to be a comment, # is one, /*! ... */ is run
    refused("SELECT 1--1; DELETE FROM victim", MARIADB);
    assertThat(SqlText.oneStatement("SELECT 1 # ;", MARIADB)).isEqualTo("SELECT 1 # ;");
    refused("SELECT 1 /*! ; DELETE FROM victim */", MARIADB);
    // H2: // comments; SQLite: [names] and `names`
    assertThat(SqlText.oneStatement("SELECT 1 // ;", H2)).isEqualTo("SELECT 1 // ;");
    assertThat(SqlText.oneStatement("SELECT [a;b], `c;d` FROM t", SQLITE)).endsWith("FROM t");
  }

  @Test
  void aConditionIsOneExpressionWithBalancedParentheses() {
    for (SqlText.Lexis lexis : new SqlText.Lexis[] {SQLITE, H2, POSTGRES, MARIADB}) {
      assertThat(SqlText.conditionProblem("price > 50 AND (title LIKE '%(%')", lexis)).isNull();
      assertThat(
              SqlText.conditionProblem(
                  "1=1); COMMIT; BEGIN READ WRITE; DELETE FROM victim; SELECT (1", lexis))
          .isEqualTo("the `)` at column 4 closes a parenthesis the condition did not open");
      assertThat(SqlText.conditionProblem("1=1 OR (1=1; DELETE FROM victim)", lexis))
          .isEqualTo("a condition is one SQL expression, but there is a `;` at column 12");
      assertThat(SqlText.conditionProblem("(price > 50", lexis))
          .isEqualTo("the `(` at column 1 is never closed");
      assertThat(SqlText.conditionProblem("title = 'x", lexis))
          .isEqualTo("the string, quoted name or comment at column 9 never ends");
    }
  }

  @Test
  void theFirstWordIsReadPastCommentsInUpperCase() {
    assertThat(SqlText.firstWord("  -- why\n /* how */ create trigger t", SQLITE))
        .isEqualTo("CREATE");
    assertThat(SqlText.firstWord("# why\nCreate table t (a int)", MARIADB)).isEqualTo("CREATE");
    assertThat(SqlText.firstWord("'create'", SQLITE)).isEmpty();
    assertThat(SqlText.firstWord("/* never ends", SQLITE)).isEmpty();
  }
}

package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A migration script split into statements as each database's lexer would end them: a {@code ;}
 * inside a string, a quoted name, a comment or a dollar quote ends nothing.
 */
class SqlTextStatementsTest {
  static List<String> split(String script, SqlText.Lexis lexis) {
    return SqlText.statements(script, lexis).stream().map(SqlText.Statement::text).toList();
  }

  @Test
  void eachSemicolonOutsideQuotesAndCommentsEndsAStatementThatStartsAtItsCode() {
    for (SqlText.Lexis lexis :
        List.of(SqlTextTest.SQLITE, SqlTextTest.H2, SqlTextTest.POSTGRES, SqlTextTest.MARIADB)) {
      assertThat(
              split(
                  "DROP INDEX a;\n"
                      + "-- the next; one is quoted\n"
                      + "INSERT INTO t VALUES ('a;b', \"c;d\");\n"
                      + "/* a; block */ DROP TABLE t;\n\n",
                  lexis))
          .as(lexis.toString())
          .containsExactly("DROP INDEX a", "INSERT INTO t VALUES ('a;b', \"c;d\")", "DROP TABLE t");
    }
  }

  @Test
  void aStatementRemembersTheLineItStartsOnAndOnlyCommentsAreNoStatement() {
    assertThat(
            SqlText.statements("-- only a comment;\n\nSELECT 1;\n-- done;\n", SqlTextTest.SQLITE))
        .containsExactly(new SqlText.Statement("SELECT 1", 3));
    assertThat(SqlText.statements("SELECT 1", SqlTextTest.SQLITE))
        .containsExactly(new SqlText.Statement("SELECT 1", 1));
  }

  @Test
  void aDollarQuotedBodyIsOneStatementOnPostgresAndH2() {
    String function =
        "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql";
    assertThat(split(function + ";\nDROP TABLE t;", SqlTextTest.POSTGRES))
        .containsExactly(function, "DROP TABLE t");
    assertThat(split("CREATE ALIAS f AS $$ int f() { return 1; } $$; SELECT 1", SqlTextTest.H2))
        .containsExactly("CREATE ALIAS f AS $$ int f() { return 1; } $$", "SELECT 1");
  }

  @Test
  void aTriggersBodyIsOneStatementWithItsInnerSemicolons() {
    String trigger =
        "CREATE TRIGGER stamp AFTER UPDATE ON t BEGIN\n"
            + "  UPDATE t SET n = CASE WHEN n > 1 THEN 0 ELSE n END;\n"
            + "  DELETE FROM u;\n"
            + "END";
    assertThat(split(trigger + ";\nDROP TABLE u;", SqlTextTest.SQLITE))
        .containsExactly(trigger, "DROP TABLE u");
  }

  @Test
  void backslashEscapesAndHashCommentsCountOnMariaDbOnly() {
    assertThat(split("SELECT 'a\\';b'; # c; d\nSELECT 2", SqlTextTest.MARIADB))
        .containsExactly("SELECT 'a\\';b'", "SELECT 2");
    assertThat(split("SELECT 'a\\'; SELECT 'b'", SqlTextTest.SQLITE))
        .containsExactly("SELECT 'a\\'", "SELECT 'b'");
  }

  @Test
  void aStringThatNeverEndsIsRefusedWithItsLineAndColumn() {
    assertThatThrownBy(() -> SqlText.statements("SELECT 1;\nSELECT 'open;", SqlTextTest.SQLITE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the string, quoted name or comment at line 2, column 8 never ends");
  }
}

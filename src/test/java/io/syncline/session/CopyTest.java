package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import io.syncline.core.TableCopy;
import io.syncline.sql.Database;
import io.syncline.sql.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy} between the four databases: rows, types, checksums, masking, dead letters and
 * resuming. PostgreSQL and MariaDB come from {@link Servers}; without them those tests are skipped.
 */
class CopyTest {
  @TempDir Path dir;
  Session session;
  final List<Runnable> cleanUps = new ArrayList<>();

  /** A database a test writes to directly, to seed a source or look at a target. */
  record Place(String url, String json, String timestamptz, String decimal) {
    QueryResult sql(String statement) {
      try (Database db = Database.open(url, null, null, false)) {
        return db.query(statement);
      }
    }

    List<List<String>> rows(String query) {
      return ((QueryResult.ResultTable) sql(query)).rows();
    }

    /** The name quoted as this database quotes names. */
    String quote(String name) {
      try (Database db = Database.open(url, null, null, false)) {
        return db.dialect().quote(name);
      }
    }

    /** The values of the columns named, the rows in the order of those columns' values. */
    List<List<String>> rows(String table, String... columns) {
      String list = String.join(", ", java.util.Arrays.stream(columns).map(this::quote).toList());
      return rows("SELECT " + list + " FROM " + quote(table) + " ORDER BY " + list);
    }

    /** The table's column names in their order, as a query of all columns returns them. */
    List<String> columns(String table) {
      return ((QueryResult.ResultTable) sql("SELECT * FROM " + quote(table))).columns();
    }

    void seedBooks() {
      sql(
          "CREATE TABLE books (isbn VARCHAR(20) NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL,"
              + " price "
              + decimal
              + ", in_stock BOOLEAN, published DATE, meta "
              + json
              + ", updated_at "
              + timestamptz
              + ")");
      sql(
          "INSERT INTO books VALUES ('9780262033848', 'Introduction to Algorithms', 89.50, TRUE,"
              + " '2009-07-31', '{\"tags\": [\"cs\"], \"pages\": 1312}', '2025-01-02 10:00:00')");
      sql(
          "INSERT INTO books VALUES ('9780131103627', 'The C Programming Language', 45.00, FALSE,"
              + " '1988-03-22', NULL, NULL)");
      sql(
          "INSERT INTO books VALUES ('9780596007126', 'Head First \"Design\" Patterns, 2nd ed.',"
              + " NULL, TRUE, NULL, '[]', '2024-12-31 23:59:59.123456')");
    }
  }

  @BeforeEach
  void open() {
    session = new Session(dir, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    session.close();
    cleanUps.forEach(Runnable::run);
  }

  Place sqlite(String name) {
    return new Place("jdbc:sqlite:" + dir.resolve(name), "JSON", "TIMESTAMP", "NUMERIC");
  }

  Place h2(String name) {
    return new Place(
        "jdbc:h2:" + dir.resolve(name), "CHARACTER VARYING", "TIMESTAMP", "NUMERIC(10,2)");
  }

  Place postgres() {
    Servers.Scratch server = Servers.postgres();
    server.create();
    cleanUps.add(server::drop);
    return new Place(
        server.url() + "&user=" + server.user(), "JSONB", "TIMESTAMPTZ", "NUMERIC(10,2)");
  }

  Place mariadb() {
    Servers.Scratch server = Servers.mariadb();
    server.create();
    cleanUps.add(server::drop);
    return new Place(
        server.url() + "?user=" + server.user(), "JSON", "DATETIME(6)", "DECIMAL(10,2)");
  }

  CopyResult copy(Place from, Place to, String... options) {
    return session.copy(request(from, to, options), Progress.NONE);
  }

  /** Options as the command takes them: --tables a,b, --where T:C, --replace, --dead-letter F. */
  static CopyRequest request(Place from, Place to, String... options) {
    List<String> tables = new ArrayList<>();
    Map<String, String> where = new java.util.LinkedHashMap<>();
    boolean replace = false;
    String deadLetter = null;
    for (int i = 0; i < options.length; i++) {
      switch (options[i]) {
        case "--tables" -> tables.addAll(List.of(options[++i].split(",")));
        case "--where" -> {
          String[] parts = options[++i].split(":", 2);
          where.put(parts[0], parts[1]);
        }
        case "--replace" -> replace = true;
        case "--dead-letter" -> deadLetter = options[++i];
        default -> throw new IllegalArgumentException(options[i]);
      }
    }
    return new CopyRequest(from.url(), null, to.url(), null, tables, where, replace, deadLetter);
  }

  void assertBooksCopied(CopyResult result, Place to) {
    assertThat(result.tables()).hasSize(1);
    TableCopy books = result.tables().get(0);
    assertThat(books.table()).isEqualTo("books");
    assertThat(books.sourceRows()).isEqualTo(3);
    assertThat(books.copied()).isEqualTo(3);
    assertThat(books.targetRows()).isEqualTo(3);
    assertThat(books.failed()).isZero();
    assertThat(books.sourceChecksum()).isEqualTo(books.targetChecksum());
    assertThat(result.agrees()).isTrue();
    assertThat(to.rows("SELECT title FROM books WHERE isbn = '9780596007126'"))
        .containsExactly(List.of("Head First \"Design\" Patterns, 2nd ed."));
    assertThat(to.rows("SELECT source_rows, target_rows, outcome FROM syncline_copy"))
        .containsExactly(List.of("3", "3", "agrees"));
  }

  @Test
  void postgresToSqliteCopiesEveryRowAndTheChecksumsAgree() {
    Place from = postgres();
    from.seedBooks();
    Place to = sqlite("dev.db");

    CopyResult result = copy(from, to);

    assertBooksCopied(result, to);
    assertThat(to.rows("SELECT meta, in_stock FROM books WHERE isbn = '9780262033848'"))
        .containsExactly(List.of("{\"pages\":1312,\"tags\":[\"cs\"]}", "1"));
  }

  @Test
  void sqliteToPostgresCreatesJsonbAndTimestampColumns() {
    Place from = sqlite("prod.db");
    from.seedBooks();
    Place to = postgres();

    assertBooksCopied(copy(from, to), to);
    assertThat(
            to.rows(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema"
                    + " = current_schema() AND table_name = 'books' ORDER BY column_name"))
        .contains(
            List.of("in_stock", "boolean"),
            List.of("meta", "jsonb"),
            List.of("updated_at", "timestamp without time zone"));
  }

  @Test
  void postgresToMariaDbKeepsJsonAndTimes() {
    Place from = postgres();
    from.seedBooks();
    Place to = mariadb();

    assertBooksCopied(copy(from, to), to);
    assertThat(to.rows("SELECT updated_at FROM books WHERE isbn = '9780596007126'"))
        .containsExactly(List.of("2024-12-31 23:59:59.123456"));
  }

  @Test
  void mariaDbToH2() {
    Place from = mariadb();
    from.seedBooks();
    Place to = h2("dev");

    assertBooksCopied(copy(from, to), to);
  }

  @Test
  void h2ToSqliteAndBackAgain() {
    Place from = h2("prod");
    from.seedBooks();
    Place middle = sqlite("middle.db");
    Place back = h2("back");

    assertBooksCopied(copy(from, middle), middle);
    assertBooksCopied(copy(middle, back), back);
  }

  @Test
  void tablesAndWhereChooseWhatIsCopied() {
    Place from = sqlite("prod.db");
    from.seedBooks();
    from.sql("CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT)");
    from.sql("INSERT INTO authors VALUES (1, 'Cormen'), (2, 'Kernighan')");
    from.sql("CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT)");
    Place to = sqlite("dev.db");

    CopyResult result = copy(from, to, "--tables", "books,authors", "--where", "books:price > 50");

    assertThat(result.tables()).extracting(TableCopy::table).containsExactly("books", "authors");
    assertThat(result.tables()).extracting(TableCopy::sourceRows).containsExactly(1L, 2L);
    assertThat(result.agrees()).isTrue();
    assertThat(to.rows("SELECT isbn FROM books")).containsExactly(List.of("9780262033848"));
    assertThatThrownBy(() -> to.sql("SELECT * FROM audit")).hasMessageContaining("audit");
  }

  @Test
  void upsertKeepsOtherRowsAndSaysTheTablesDifferReplaceMakesAnExactCopy() {
    Place from = sqlite("prod.db");
    from.seedBooks();
    Place to = sqlite("dev.db");
    copy(from, to);
    to.sql("INSERT INTO books (isbn, title) VALUES ('dev-only', 'a row only dev has')");
    to.sql("UPDATE books SET title = 'changed in dev' WHERE isbn = '9780131103627'");

    CopyResult upserted = copy(from, to);

    assertThat(upserted.agrees()).isFalse();
    assertThat(upserted.tables().get(0).targetRows()).isEqualTo(4);
    assertThat(to.rows("SELECT title FROM books WHERE isbn = '9780131103627'"))
        .containsExactly(List.of("The C Programming Language"));

    CopyResult replaced = copy(from, to, "--replace");

    assertThat(replaced.agrees()).isTrue();
    assertThat(to.rows("SELECT count(*) FROM books")).containsExactly(List.of("3"));
  }

  @Test
  void aTargetValueThatDiffersWithTheSameRowCountIsCaught() {
    Place from = sqlite("prod.db");
    from.seedBooks();
    Place to = sqlite("dev.db");
    to.sql(
        "CREATE TABLE books (isbn TEXT PRIMARY KEY, title TEXT NOT NULL, price NUMERIC,"
            + " in_stock BOOLEAN, published DATE, meta JSON, updated_at TIMESTAMP)");
    // the target changes one title as it lands: the same three rows, one value different
    to.sql(
        "CREATE TRIGGER shout AFTER INSERT ON books WHEN NEW.isbn = '9780131103627' BEGIN"
            + " UPDATE books SET title = upper(title) WHERE isbn = NEW.isbn; END");

    CopyResult result = copy(from, to);

    TableCopy books = result.tables().get(0);
    assertThat(books.sourceRows()).isEqualTo(3);
    assertThat(books.targetRows()).isEqualTo(3);
    assertThat(books.failed()).isZero();
    assertThat(books.targetChecksum()).isNotEqualTo(books.sourceChecksum());
    assertThat(result.agrees()).isFalse();
    assertThat(to.rows("SELECT title FROM books WHERE isbn = '9780131103627'"))
        .containsExactly(List.of("THE C PROGRAMMING LANGUAGE"));
  }

  @Test
  void everyPostgresTableIsReadFromOneSnapshotWhileAnotherConnectionCommits() {
    Place from = postgres();
    from.sql("CREATE TABLE a_first (id INTEGER PRIMARY KEY, name TEXT)");
    from.sql("CREATE TABLE b_second (id INTEGER PRIMARY KEY, name TEXT)");
    from.sql("INSERT INTO a_first VALUES (1, 'one')");
    from.sql("INSERT INTO b_second VALUES (1, 'one')");
    Place to = sqlite("dev.db");
    // Between the two tables another connection commits a row into the second and changes the
    // first: the copy still sees the source as it was when it began.
    Progress committing =
        (what, unit, total) -> {
          if (what.equals("copying b_second")) {
            from.sql("INSERT INTO b_second VALUES (2, 'committed meanwhile')");
            from.sql("UPDATE a_first SET name = 'changed meanwhile'");
          }
          return new Progress.Counter(what, unit, total);
        };

    CopyResult result = session.copy(request(from, to), committing);

    assertThat(result.tables()).extracting(TableCopy::sourceRows).containsExactly(1L, 1L);
    assertThat(to.rows("SELECT id, name FROM b_second")).containsExactly(List.of("1", "one"));
    assertThat(from.rows("SELECT count(*) FROM b_second")).containsExactly(List.of("2"));
  }

  @Test
  void masksApplyBeforeRowsAreWrittenAndHashedKeysStayUnique() throws Exception {
    Files.writeString(
        dir.resolve("syncline.yml"),
        """
        copy:
          masks:
            customers:
              id: hash
              email: email
              phone: null
              name: {fixed: Jane Doe}
              credit: {fixed: 0}
        """);
    session = new Session(dir, Clock.systemUTC());
    Place from = sqlite("prod.db");
    from.sql(
        "CREATE TABLE customers (id TEXT PRIMARY KEY, email TEXT, phone TEXT, name TEXT,"
            + " credit INTEGER, city TEXT)");
    from.sql(
        "INSERT INTO customers VALUES ('c1', 'ann@corp.com', '555-1234', 'Ann', 900, 'Ghent'),"
            + " ('c2', 'bob@corp.com', NULL, 'Bob', 12, 'Lyon'),"
            + " ('c3', 'ann@corp.com', '555-9999', NULL, NULL, 'Rome')");
    Place to = sqlite("dev.db");

    CopyResult result = copy(from, to);

    assertThat(result.agrees()).isTrue();
    List<List<String>> rows =
        to.rows("SELECT id, email, phone, name, credit, city FROM customers ORDER BY city");
    assertThat(rows).hasSize(3);
    assertThat(rows).extracting(r -> r.get(0)).doesNotHaveDuplicates().doesNotContain("c1", "c2");
    assertThat(rows.get(0).get(1)).matches("user-[0-9a-f]{16}@example\\.invalid");
    assertThat(rows.get(0).get(1)).isEqualTo(rows.get(2).get(1)); // same address, same mask
    assertThat(rows.get(0).get(1)).isNotEqualTo(rows.get(1).get(1));
    assertThat(rows).extracting(r -> r.get(2)).containsOnlyNulls();
    assertThat(rows)
        .extracting(r -> java.util.Arrays.asList(r.get(3), r.get(4), r.get(5)))
        .containsExactly(
            java.util.Arrays.asList("Jane Doe", "0", "Ghent"),
            java.util.Arrays.asList("Jane Doe", "0", "Lyon"),
            java.util.Arrays.asList(null, null, "Rome"));
    String dump =
        Files.readString(dir.resolve("dev.db"), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(dump).doesNotContain("ann@corp.com", "555-1234", "Ann");

    // Run again: the hashed keys are the same, so the rows are upserted, not duplicated.
    assertThat(copy(from, to).agrees()).isTrue();
    assertThat(to.rows("SELECT count(*) FROM customers")).containsExactly(List.of("3"));
  }

  @Test
  void aMaskThatCannotApplyIsRefusedBeforeAnythingIsWritten() throws Exception {
    Files.writeString(
        dir.resolve("syncline.yml"), "copy:\n  masks:\n    books:\n      no_such_column: hash\n");
    session = new Session(dir, Clock.systemUTC());
    Place from = sqlite("prod.db");
    from.seedBooks();
    Place to = sqlite("dev.db");

    assertThatThrownBy(() -> copy(from, to))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("copy.masks.books.no_such_column: table books has no column no_such_column");
    assertThat(to.rows("SELECT name FROM sqlite_master WHERE type = 'table'")).isEmpty();
  }

  @Test
  void badTablesOrConditionsChangeNothing() {
    Place from = sqlite("prod.db");
    from.seedBooks();
    Place to = sqlite("dev.db");

    assertThatThrownBy(() -> copy(from, to, "--tables", "books,bokos"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessageStartingWith("no table bokos in jdbc:sqlite:")
        .hasMessageEndingWith("; it has: books");
    assertThatThrownBy(() -> copy(from, to, "--where", "books:no_such_column = 1"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessageStartingWith("--where books:no_such_column = 1: the source refused it: ")
        .hasMessageContaining("no_such_column");
    assertThat(to.rows("SELECT name FROM sqlite_master WHERE type = 'table'")).isEmpty();
  }

  @Test
  void rowsTheTargetRefusesGoToTheDeadLetterFileAndTheRestIsCopied() throws Exception {
    Place from = sqlite("prod.db");
    from.seedBooks();
    Place to = sqlite("dev.db");
    to.sql(
        "CREATE TABLE books (isbn TEXT PRIMARY KEY, title TEXT NOT NULL, price NUMERIC CHECK"
            + " (price < 50), in_stock BOOLEAN, published DATE, meta JSON, updated_at TIMESTAMP)");

    CopyResult result = copy(from, to, "--dead-letter", "rejected.jsonl");

    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.deadLetter()).isEqualTo("rejected.jsonl");
    assertThat(to.rows("SELECT isbn FROM books ORDER BY isbn"))
        .containsExactly(List.of("9780131103627"), List.of("9780596007126"));
    List<String> lines = Files.readAllLines(dir.resolve("rejected.jsonl"));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith(
            "{\"table\": \"books\", \"key\": \"9780262033848\", \"row\": {\"isbn\":"
                + " \"9780262033848\", \"title\": \"Introduction to Algorithms\", \"price\": 89.5,")
        .contains("\"error\": \"")
        .contains("CHECK constraint failed");
    assertThat(to.rows("SELECT failed_rows, outcome FROM syncline_copy"))
        .containsExactly(List.of("1", "1 row(s) refused"));
  }

  @Test
  void postgresRefusedRowsLeaveTheCopyPathForRowByRowAndTheRestLands() throws Exception {
    Place from = sqlite("prod.db");
    from.seedBooks();
    Place to = postgres();
    to.sql(
        "CREATE TABLE books (isbn TEXT PRIMARY KEY, title TEXT NOT NULL, price NUMERIC CHECK"
            + " (price < 50), in_stock BOOLEAN, published DATE, meta JSONB, updated_at TIMESTAMP)");

    CopyResult result = copy(from, to);

    assertThat(result.failed()).isEqualTo(1);
    assertThat(to.rows("SELECT count(*) FROM books")).containsExactly(List.of("2"));
    assertThat(Files.readString(dir.resolve(result.deadLetter())))
        .contains("\"key\": \"9780262033848\"", "SQLSTATE 23514");
  }

  @Test
  void anInterruptedCopyRunAgainFinishesTheJob() {
    interruptAndResume(sqlite("dev.db"));
  }

  @Test
  void anInterruptedCopyIntoPostgresRunAgainFinishesTheJob() {
    interruptAndResume(postgres());
  }

  void interruptAndResume(Place to) {
    Place from = sqlite("prod.db");
    from.sql("CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT, at TIMESTAMP)");
    from.sql(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)"
            + " INSERT INTO events SELECT i, 'event ' || i, '2025-01-01T00:00:00' FROM n");
    Progress interrupting =
        (what, unit, total) ->
            new Progress.Counter(what, unit, total) {
              @Override
              public void set(long rows) {
                throw new IllegalStateException("interrupted after " + rows + " rows");
              }
            };

    assertThatThrownBy(() -> session.copy(request(from, to), interrupting))
        .hasMessage("interrupted after 5000 rows");
    assertThat(to.rows("SELECT count(*) FROM events")).containsExactly(List.of("5000"));

    CopyResult finished = copy(from, to);

    assertThat(finished.agrees()).isTrue();
    assertThat(finished.tables().get(0).targetRows()).isEqualTo(12000);
  }

  // ---- table names that need quoting or are metadata patterns ----

  /**
   * Names a metadata query can mistake: quotes, the metadata escape character, LIKE's {@code _} and
   * {@code %}, both together ({@code a\_b}, which MariaDB's driver reads as {@code a_b}), a space
   * and capitals. Each table has a key of two columns, declared in another order than the columns,
   * so the key is read in key order.
   */
  static final List<String> AWKWARD_TABLES =
      List.of("a'b", "a\"b", "a\\b", "a_b", "a\\_b", "a%b", "Mixed Case");

  /**
   * Seeds the awkward tables, and {@code axb}, which the pattern {@code a_b} matches, with columns
   * of its own that {@code a_b} must not take for its own.
   */
  void seedAwkwardTables(Place from) {
    // every name quoted, so that H2 keeps them lower-case as the other databases do
    from.sql(
        "CREATE TABLE "
            + from.quote("axb")
            + " ("
            + from.quote("id")
            + " INTEGER NOT NULL PRIMARY KEY, "
            + from.quote("other")
            + " VARCHAR(20))");
    from.sql("INSERT INTO " + from.quote("axb") + " VALUES (7, 'x')");
    for (int i = 0; i < AWKWARD_TABLES.size(); i++) {
      String table = from.quote(AWKWARD_TABLES.get(i));
      from.sql(
          "CREATE TABLE "
              + table
              + " ("
              + from.quote("code")
              + " VARCHAR(20) NOT NULL, "
              + from.quote("n")
              + " INTEGER NOT NULL, "
              + from.quote("note")
              + " VARCHAR(50), PRIMARY KEY ("
              + from.quote("n")
              + ", "
              + from.quote("code")
              + "))");
      from.sql(
          "INSERT INTO " + table + " VALUES ('k1', 1, 'table " + i + "'), ('k2', " + i + ", NULL)");
    }
  }

  /**
   * Copies the awkward tables twice (the second time onto the tables the first created, whose shape
   * the target is asked for) and checks the target holds exactly the source's rows.
   */
  void awkwardTablesCopy(Place from, Place to) {
    seedAwkwardTables(from);
    for (int run = 1; run <= 2; run++) {
      CopyResult result = copy(from, to);

      List<String> tables = new ArrayList<>(AWKWARD_TABLES);
      tables.add("axb");
      assertThat(result.tables())
          .as("run %d", run)
          .extracting(TableCopy::table)
          .containsExactlyInAnyOrderElementsOf(tables);
      for (TableCopy table : result.tables()) {
        assertThat(table.failed()).as(table.table()).isZero();
        assertThat(table.targetRows()).as(table.table()).isEqualTo(table.sourceRows());
        assertThat(table.targetChecksum()).as(table.table()).isEqualTo(table.sourceChecksum());
      }
      assertThat(result.agrees()).isTrue();
    }
    for (String table : AWKWARD_TABLES) {
      assertThat(to.rows(table, "n", "code", "note"))
          .as(table)
          .isEqualTo(from.rows(table, "n", "code", "note"))
          .hasSize(2);
      assertThat(to.columns(table)).as(table).containsExactly("n", "code", "note");
    }
    assertThat(to.rows("axb", "id", "other")).containsExactly(List.of("7", "x"));
  }

  @Test
  void awkwardTableNamesCopyAsThemselvesFromSqliteToSqlite() {
    awkwardTablesCopy(sqlite("prod.db"), sqlite("dev.db"));
  }

  @Test
  void awkwardTableNamesCopyAsThemselvesFromSqliteToH2() {
    awkwardTablesCopy(sqlite("prod.db"), h2("dev"));
  }

  @Test
  void awkwardTableNamesCopyAsThemselvesFromH2ToPostgres() {
    awkwardTablesCopy(h2("prod"), postgres());
  }

  @Test
  void awkwardTableNamesCopyAsThemselvesFromPostgresToSqlite() {
    awkwardTablesCopy(postgres(), sqlite("dev.db"));
  }

  @Test
  void awkwardTableNamesCopyAsThemselvesFromMariaDbToSqlite() {
    awkwardTablesCopy(mariadb(), sqlite("dev.db"));
  }

  @Test
  void awkwardTableNamesCopyAsThemselvesFromSqliteToMariaDb() {
    awkwardTablesCopy(sqlite("prod.db"), mariadb());
  }

  // ---- the source is never written ----

  /** The source's books as seeded, to compare with after a refused copy. */
  static final List<List<String>> SEEDED_TITLES =
      List.of(
          List.of("9780131103627", "The C Programming Language"),
          List.of("9780262033848", "Introduction to Algorithms"),
          List.of("9780596007126", "Head First \"Design\" Patterns, 2nd ed."));

  /** Copying {@code from} onto each spelling of itself is refused and leaves it as it was. */
  void refusedOntoItself(Place from, List<String> spellings, String sameDatabase) {
    for (String spelling : spellings) {
      Place to = new Place(spelling, from.json(), from.timestamptz(), from.decimal());
      assertThatThrownBy(() -> copy(from, to))
          .as(spelling)
          .isInstanceOf(SynclineException.class)
          .isNotInstanceOf(SynclineException.Usage.class)
          .hasMessageStartingWith("copy never writes to its source, and ")
          .hasMessageContaining(sameDatabase)
          .hasMessageEndingWith("; give --to another database; nothing was copied")
          .satisfies(e -> assertThat(((SynclineException) e).exitCode()).isEqualTo(1));
    }
    assertThat(from.rows("SELECT isbn, title FROM books ORDER BY isbn")).isEqualTo(SEEDED_TITLES);
    assertThatThrownBy(() -> from.sql("SELECT * FROM syncline_copy"))
        .hasMessageContaining("syncline_copy");
  }

  @Test
  void copyOntoItsOwnSourceIsRefusedOnSqliteHoweverTheFileIsNamed() throws Exception {
    Files.writeString(
        dir.resolve("syncline.yml"), "copy:\n  masks:\n    books:\n      title: hash\n");
    session = new Session(dir, Clock.systemUTC());
    Place from = sqlite("prod.db");
    from.seedBooks();
    Files.createSymbolicLink(dir.resolve("link.db"), dir.resolve("prod.db"));
    Files.createLink(dir.resolve("hard.db"), dir.resolve("prod.db"));

    refusedOntoItself(
        from,
        List.of(
            from.url(),
            "jdbc:sqlite:prod.db",
            "jdbc:sqlite:./prod.db",
            "jdbc:sqlite:" + dir.resolve("link.db"),
            "jdbc:sqlite:hard.db"),
        "the SQLite file " + dir.toRealPath().resolve("prod.db"));
  }

  @Test
  void copyOntoItsOwnSourceIsRefusedOnH2() throws Exception {
    Place from = h2("prod");
    from.seedBooks();
    Files.createSymbolicLink(dir.resolve("link.mv.db"), dir.resolve("prod.mv.db"));

    refusedOntoItself(
        from,
        List.of(from.url(), "jdbc:h2:" + dir.resolve("link")),
        "the H2 database " + dir.toRealPath().resolve("prod.mv.db"));
  }

  @Test
  void copyOntoItsOwnSourceIsRefusedOnPostgresWhicheverAddressReachesIt() {
    Place from = postgres();
    from.seedBooks();

    refusedOntoItself(
        from,
        List.of(from.url(), from.url().replace("127.0.0.1", "localhost")),
        "PostgreSQL database test, schema t_");
  }

  @Test
  void copyBetweenTwoSchemasOfOnePostgresServerIsNoCopyOntoItself() {
    Place from = postgres();
    from.seedBooks();
    Place to = postgres();

    assertBooksCopied(copy(from, to), to);
  }

  @Test
  void copyOntoItsOwnSourceIsRefusedOnMariaDbWhicheverAddressReachesIt() {
    Place from = mariadb();
    from.seedBooks();

    refusedOntoItself(
        from,
        List.of(from.url(), from.url().replace("127.0.0.1", "localhost")),
        " on the MariaDB server ");
  }

  @Test
  void copyBetweenTwoDatabasesOfOneMariaDbServerIsNoCopyOntoItself() {
    Place from = mariadb();
    from.seedBooks();
    Place to = mariadb();

    assertBooksCopied(copy(from, to), to);
  }

  /** Conditions that try to end the statement and write to the source. */
  static final List<String> WHERE_ATTACKS =
      List.of(
          "books:1=1); COMMIT; BEGIN READ WRITE; DELETE FROM victim; COMMIT; SELECT * FROM books"
              + " WHERE (1=1",
          "books:1=1); DELETE FROM victim; SELECT (1",
          "books:1=1) OR (1=1",
          "books:price > 0; DELETE FROM victim",
          "books:title = 'x",
          "books:price > 0 /* ; DELETE FROM victim");

  /** Every attack is refused as bad input, and the source's victim table keeps its rows. */
  void whereCannotWriteToTheSource(Place from) {
    from.seedBooks();
    from.sql("CREATE TABLE victim (id INT PRIMARY KEY)");
    from.sql("INSERT INTO victim VALUES (1), (2), (3)");
    Place to = sqlite("dev.db");

    for (String attack : WHERE_ATTACKS) {
      assertThatThrownBy(() -> copy(from, to, "--tables", "books", "--where", attack))
          .as(attack)
          .isInstanceOf(SynclineException.Usage.class)
          .hasMessageStartingWith("--where " + attack + ": ");
    }
    assertThat(from.rows("SELECT count(*) FROM victim")).containsExactly(List.of("3"));
    assertThat(to.rows("SELECT name FROM sqlite_master WHERE type = 'table'")).isEmpty();
  }

  @Test
  void whereIsOneConditionOnSqlite() {
    whereCannotWriteToTheSource(sqlite("prod.db"));
  }

  @Test
  void whereIsOneConditionOnH2() {
    whereCannotWriteToTheSource(h2("prod"));
  }

  @Test
  void whereIsOneConditionOnPostgres() {
    whereCannotWriteToTheSource(postgres());
  }

  @Test
  void whereIsOneConditionOnMariaDb() {
    whereCannotWriteToTheSource(mariadb());
  }

  /**
   * A condition that is one expression and writes anyway (H2 lets a subquery delete rows) meets a
   * source the database itself keeps read-only.
   */
  @Test
  void aConditionThatWritesMeetsAReadOnlySourceOnH2() {
    Place from = h2("prod");
    from.seedBooks();
    from.sql("CREATE TABLE victim (id INT PRIMARY KEY)");
    from.sql("INSERT INTO victim VALUES (1), (2), (3)");
    Place to = sqlite("dev.db");

    assertThatThrownBy(
            () ->
                copy(
                    from,
                    to,
                    "--tables",
                    "books",
                    "--where",
                    "books:(SELECT count(*) FROM OLD TABLE (DELETE FROM victim)) >= 0"))
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("The database is read only");
    assertThat(from.rows("SELECT count(*) FROM victim")).containsExactly(List.of("3"));
  }

  // ---- foreign keys: parents before children ----

  /**
   * A parent and a child whose names sort child first: {@code alpha_tasks.epic_id → zeta_epics.id},
   * declared on the source and, where {@code withTables}, on the target too.
   */
  static void seedEpicsAndTasks(Place place, boolean withRows) {
    place.sql("CREATE TABLE zeta_epics (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50))");
    place.sql(
        "CREATE TABLE alpha_tasks (id INTEGER NOT NULL PRIMARY KEY, epic_id INTEGER NOT NULL,"
            + " title VARCHAR(50), FOREIGN KEY (epic_id) REFERENCES zeta_epics (id))");
    if (withRows) {
      place.sql("INSERT INTO zeta_epics VALUES (1, 'Import'), (2, 'Export')");
      place.sql("INSERT INTO alpha_tasks VALUES (10, 1, 'read'), (11, 1, 'map'), (12, 2, 'write')");
    }
  }

  /**
   * Into a target whose foreign key holds, every task lands: the epics are copied first. Again with
   * --replace, the tasks are emptied before the epics they reference.
   */
  void parentsAreCopiedBeforeTheirChildren(Place from, Place to) {
    seedEpicsAndTasks(from, true);
    seedEpicsAndTasks(to, false);

    CopyResult result = copy(from, to);
    CopyResult again = copy(from, to, "--replace");

    for (CopyResult copied : List.of(result, again)) {
      assertThat(copied.tables())
          .extracting(TableCopy::table)
          .containsExactly("zeta_epics", "alpha_tasks");
      assertThat(copied.failed()).isZero();
      assertThat(copied.agrees()).isTrue();
    }
    assertThat(to.rows("alpha_tasks", "id", "epic_id"))
        .containsExactly(List.of("10", "1"), List.of("11", "1"), List.of("12", "2"));
  }

  @Test
  void parentsAreCopiedBeforeTheirChildrenFromSqliteToPostgres() {
    parentsAreCopiedBeforeTheirChildren(sqlite("prod.db"), postgres());
  }

  @Test
  void parentsAreCopiedBeforeTheirChildrenFromPostgresToMariaDb() {
    parentsAreCopiedBeforeTheirChildren(postgres(), mariadb());
  }

  @Test
  void parentsAreCopiedBeforeTheirChildrenFromMariaDbToH2() {
    parentsAreCopiedBeforeTheirChildren(mariadb(), h2("dev"));
  }

  @Test
  void parentsAreCopiedBeforeTheirChildrenFromH2ToPostgres() {
    parentsAreCopiedBeforeTheirChildren(h2("prod"), postgres());
  }

  @Test
  void aChildWithoutItsParentIsRefusedWhenTheTargetHasNoParentTable() {
    Place from = sqlite("prod.db");
    seedEpicsAndTasks(from, true);
    Place to = sqlite("dev.db");

    assertThatThrownBy(() -> copy(from, to, "--tables", "alpha_tasks"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage(
            "table alpha_tasks references zeta_epics (alpha_tasks.epic_id → zeta_epics.id), which"
                + " is not copied and not in the target, so its rows would refer to nothing; copy"
                + " it too: --tables zeta_epics,alpha_tasks; nothing was copied");
    assertThatThrownBy(() -> to.sql("SELECT * FROM alpha_tasks"))
        .hasMessageContaining("alpha_tasks");
  }

  @Test
  void aChildWithoutItsParentIsCopiedIntoATargetThatHasTheParentAndSaysSo() {
    Place from = h2("prod");
    seedEpicsAndTasks(from, true);
    Place to = postgres();
    seedEpicsAndTasks(to, false);
    to.sql("INSERT INTO zeta_epics VALUES (1, 'Import')");

    CopyResult result = copy(from, to, "--tables", "alpha_tasks");

    assertThat(session.takeNotice())
        .contains(
            "table alpha_tasks is copied without zeta_epics (alpha_tasks.epic_id →"
                + " zeta_epics.id): its rows must find their parent in the target's zeta_epics; a"
                + " row that does not is refused and goes to the dead-letter file");
    assertThat(result.failed()).isEqualTo(1);
    assertThat(to.rows("alpha_tasks", "id")).containsExactly(List.of("10"), List.of("11"));
  }

  @Test
  void aParentWithoutItsChildrenIsCopiedAndSaysSo() {
    Place from = mariadb();
    seedEpicsAndTasks(from, true);
    Place to = sqlite("dev.db");

    CopyResult result = copy(from, to, "--tables", "zeta_epics");

    assertThat(session.takeNotice())
        .contains(
            "table zeta_epics is copied without alpha_tasks, which reference it: the target's"
                + " alpha_tasks are left as they are; add them to --tables to copy them too");
    assertThat(result.tables()).extracting(TableCopy::table).containsExactly("zeta_epics");
  }

  @Test
  void aTableThatReferencesItselfIsCopiedAndSaysWhatARowBeforeItsParentMeets() {
    Place from = sqlite("prod.db");
    from.sql(
        "CREATE TABLE staff (id INTEGER PRIMARY KEY, boss INTEGER REFERENCES staff (id),"
            + " name TEXT)");
    from.sql("INSERT INTO staff VALUES (1, NULL, 'Ada'), (2, 1, 'Bob')");
    Place to = sqlite("dev.db");

    CopyResult result = copy(from, to);

    assertThat(session.takeNotice())
        .contains(
            "table staff references itself (staff.boss → staff.id): a row whose parent row is not"
                + " written yet is refused and goes to the dead-letter file; run the copy again to"
                + " add those");
    assertThat(result.agrees()).isTrue();
  }

  @Test
  void tablesInACycleAreCopiedAfterTheirOtherParentsAndSaySo() {
    Place from = sqlite("prod.db");
    from.sql("CREATE TABLE a_person (id INTEGER PRIMARY KEY, team INTEGER REFERENCES b_team (id))");
    from.sql(
        "CREATE TABLE b_team (id INTEGER PRIMARY KEY, lead INTEGER REFERENCES a_person (id),"
            + " site INTEGER REFERENCES c_site (id))");
    from.sql("CREATE TABLE c_site (id INTEGER PRIMARY KEY)");
    Place to = sqlite("dev.db");

    CopyResult result = copy(from, to);

    assertThat(result.tables())
        .extracting(TableCopy::table)
        .containsExactly("c_site", "a_person", "b_team");
    assertThat(session.takeNotice())
        .contains(
            "tables a_person, b_team reference each other in a cycle (or a table in one), so no"
                + " order puts every parent first: they are copied in this order, and a row whose"
                + " parent is not in the target yet is refused and goes to the dead-letter file;"
                + " run the copy again to add those");
  }
}

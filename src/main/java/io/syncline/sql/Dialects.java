package io.syncline.sql;

import io.syncline.sql.h2.H2Dialect;
import io.syncline.sql.mariadb.MariaDbDialect;
import io.syncline.sql.postgresql.PostgresDialect;
import io.syncline.sql.sqlite.SqliteDialect;
import java.util.List;
import java.util.Optional;

/** The databases Syncline knows, one {@link Dialect} each, and the choice among them by URL. */
final class Dialects {
  private static final List<Dialect> ALL =
      List.of(new SqliteDialect(), new H2Dialect(), new PostgresDialect(), new MariaDbDialect());

  private Dialects() {}

  /** The dialect that {@link Dialect#handles} the URL; empty for null or a URL none knows. */
  static Optional<Dialect> forUrl(String url) {
    return url == null ? Optional.empty() : ALL.stream().filter(d -> d.handles(url)).findFirst();
  }
}

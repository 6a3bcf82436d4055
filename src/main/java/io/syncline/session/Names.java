package io.syncline.session;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Names inferred from paths: {@code data/countries.json} → {@code countries}; {@code epics/*.json}
 * → {@code epics}; {@code Schedule Config.yml} → {@code schedule_config}.
 */
final class Names {
  private Names() {}

  static String entityName(String path) {
    Path p = Path.of(path);
    String base =
        path.contains("*") && p.getParent() != null
            ? p.getParent().getFileName().toString()
            : p.getFileName().toString();
    int dot = base.indexOf('.');
    return tableName(dot > 0 ? base.substring(0, dot) : base);
  }

  static String tableName(String entity) {
    String name = entity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    return name.matches("[a-z_].*") ? name : "t_" + name;
  }
}

package io.syncline.sql;

import io.syncline.core.UnableToReadFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The scripts of a migrations folder, by version. Two namings are read, one per folder:
 *
 * <pre>
 *   Flyway's:            V2__add_planned_dates.sql    rollback U2__add_planned_dates.sql
 *   the old system's:    002_add_planned_dates.sql    rollback 002_rollback.sql
 *                                                     (or 002_rollback_add_planned_dates.sql)
 * </pre>
 *
 * A rollback is matched to its forward script by version alone. Files not ending in {@code .sql}
 * are passed over (a README beside the scripts); a {@code .sql} file in neither naming is refused
 * by name, since Flyway would pass over it silently and a typo would never run. Two scripts of one
 * version are refused too.
 */
final class MigrationScripts {
  private static final Pattern FLYWAY = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
  private static final Pattern OLD_ROLLBACK = Pattern.compile("(\\d+)_rollback(?:_(.*))?\\.sql");
  private static final Pattern OLD = Pattern.compile("(\\d+)_(.+)\\.sql");

  /** One version's scripts: its forward script, and its rollback if there is one. */
  record Script(String version, String description, Path forward, Path rollback) {
    /** The name Flyway is shown, and keeps in its history: {@code V002__add_dates.sql}. */
    String flywayName() {
      return "V" + version + "__" + description.replace(' ', '_') + ".sql";
    }

    /** {@code V2 (add planned dates)}. */
    String label() {
      return "V" + version + " (" + description + ")";
    }

    Optional<Path> rollbackScript() {
      return Optional.ofNullable(rollback);
    }
  }

  private MigrationScripts() {}

  /** The folder's scripts in version order; {@code shown} names the folder in an error. */
  static List<Script> read(Path folder, String shown) {
    if (!Files.isDirectory(folder)) {
      throw new UnableToReadFile(
          shown, 0, 0, "no such folder; create it, or correct `migrations:` in syncline.yml");
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
    } catch (IOException e) {
      throw new UnableToReadFile(shown, 0, 0, "cannot list: " + e.getMessage());
    }
    Map<String, Path> forward = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    Map<String, Path> rollback = new LinkedHashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      Matcher flyway = FLYWAY.matcher(name);
      Matcher oldRollback = OLD_ROLLBACK.matcher(name);
      Matcher old = OLD.matcher(name);
      String where = shown + "/" + name;
      if (flyway.matches()) {
        String version = flyway.group(2).replace('_', '.');
        if (flyway.group(1).equals("V")) {
          put(forward, version, file, where);
          descriptions.put(version, flyway.group(3).replace('_', ' '));
        } else {
          put(rollback, version, file, where);
        }
      } else if (oldRollback.matches()) {
        put(rollback, oldRollback.group(1), file, where);
      } else if (old.matches()) {
        put(forward, old.group(1), file, where);
        descriptions.put(old.group(1), old.group(2).replace('_', ' '));
      } else {
        throw new UnableToReadFile(
            where,
            0,
            0,
            "not a migration script name: use V2__what_it_does.sql with its rollback"
                + " U2__what_it_does.sql (or 002_what_it_does.sql with 002_rollback.sql)");
      }
    }
    for (Map.Entry<String, Path> orphan : rollback.entrySet()) {
      if (!forward.containsKey(orphan.getKey())) {
        throw new UnableToReadFile(
            shown + "/" + orphan.getValue().getFileName(),
            0,
            0,
            "a rollback script without a script of version "
                + orphan.getKey()
                + " to roll back; rename it after its script's version");
      }
    }
    List<Script> scripts = new ArrayList<>();
    forward.forEach(
        (version, file) ->
            scripts.add(
                new Script(version, descriptions.get(version), file, rollback.get(version))));
    scripts.sort(Comparator.comparing(s -> MigrationVersion.fromVersion(s.version())));
    return scripts;
  }

  /** Versions compare by number: {@code 2} and {@code 002} are one version. */
  private static void put(Map<String, Path> byVersion, String version, Path file, String where) {
    for (Map.Entry<String, Path> other : byVersion.entrySet()) {
      if (MigrationVersion.fromVersion(other.getKey())
          .equals(MigrationVersion.fromVersion(version))) {
        throw new UnableToReadFile(
            where,
            0,
            0,
            "version "
                + version
                + " has a script already, "
                + other.getValue().getFileName()
                + "; give each version one script and one rollback");
      }
    }
    byVersion.put(version, file);
  }

  /** The script's text, as UTF-8. */
  static String text(Path file, String shown) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnableToReadFile(shown, 0, 0, "cannot read: " + e.getMessage());
    }
  }
}

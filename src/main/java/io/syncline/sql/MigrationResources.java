package io.syncline.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * What Flyway is shown of a migrations folder: the forward scripts only, each under its Flyway name
 * ({@code 002_add_dates.sql} as {@code V002__add_dates.sql}), so the old system's naming runs too,
 * and no rollback script can ever be taken for a migration.
 */
final class MigrationResources implements ResourceProvider {
  private final List<LoadableResource> resources = new ArrayList<>();

  MigrationResources(List<MigrationScripts.Script> scripts) {
    scripts.forEach(script -> resources.add(new Script(script)));
  }

  @Override
  public LoadableResource getResource(String name) {
    return resources.stream().filter(r -> r.getFilename().equals(name)).findFirst().orElse(null);
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    List<LoadableResource> found = new ArrayList<>();
    for (LoadableResource resource : resources) {
      for (String suffix : suffixes) {
        String name = resource.getFilename();
        if (name.startsWith(prefix) && name.endsWith(suffix)) {
          found.add(resource);
          break;
        }
      }
    }
    return found;
  }

  private static final class Script extends LoadableResource {
    private final MigrationScripts.Script script;

    Script(MigrationScripts.Script script) {
      this.script = script;
    }

    @Override
    public Reader read() {
      try {
        return Files.newBufferedReader(script.forward(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String getAbsolutePath() {
      return script.forward().toString();
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return script.forward().toString();
    }

    @Override
    public String getFilename() {
      return script.flywayName();
    }

    @Override
    public String getRelativePath() {
      return script.flywayName();
    }
  }
}

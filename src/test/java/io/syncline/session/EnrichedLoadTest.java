package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load} of an entity whose mapping has an {@code enrich:} block. */
class EnrichedLoadTest {
  @TempDir Path dir;

  static final String MAPPING =
      "database: jdbc:sqlite:epics.db\n"
          + "entities:\n"
          + "  epic:\n"
          + "    files: epics/*.json\n"
          + "    key: [epic_key]\n"
          + "    enrich:\n"
          + "      duration: duration\n"
          + "      start: next_monday\n"
          + "      days: business\n"
          + "      holidays: BR\n";

  void epic(String folder, String key, String duration) throws IOException {
    Path file = dir.resolve(folder).resolve(key + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "{\"epic_key\": \"" + key + "\", \"duration\": \"" + duration + "\"}\n");
  }

  @Test
  void anEntityLoadedFromAnotherPathKeepsItsEnrichment() throws IOException {
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    epic("archive", "EP-1", "2 semanas");
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(new LoadRequest("archive/*.json", "epic", null, null, null, null));

      Entity epic = session.mapping().entity("epic").orElseThrow();
      assertThat(epic.files()).isEqualTo("archive/*.json");
      assertThat(epic.enriched()).isPresent();
      assertThat(epic.enrichment().duration()).isEqualTo("duration");
      assertThat(epic.enrichment().strategy().orElseThrow().spelling()).isEqualTo("next_monday");
    }
  }
}

package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mapping save}: the only way to keep a mapping that {@code load} inferred. */
class MappingSaveTest extends InWorkingDirectory {

  void loadCountries() throws IOException {
    Files.writeString(
        dir.resolve("countries.json"),
        "[{\"code\": \"AW\", \"name\": \"Aruba\", \"population\": 106537, \"tags\": [\"island\"]}]");
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:geo.db", null, null, false);
    session.load(new LoadRequest("countries.json", "country", List.of("code"), null, null, null));
  }

  @Test
  void anInferredMappingSavedAsSynclineYmlIsTheSameMappingWhenLoadedBack() throws IOException {
    loadCountries();
    String shown = session.mappingYaml();

    Path written = session.saveMapping(null, false);

    assertThat(written).isEqualTo(dir.resolve("syncline.yml"));
    try (Session next = new Session(dir, Clock.systemUTC())) {
      assertThat(next.mapping().entities()).containsExactlyElementsOf(session.mapping().entities());
      assertThat(next.mappingYaml()).isEqualTo(shown);
    }
    session.loadMapping("syncline.yml");
    assertThat(session.mappingYaml()).isEqualTo(shown);
  }

  @Test
  void anExistingFileIsKeptUnlessForced() throws IOException {
    loadCountries();
    Files.writeString(dir.resolve("geo.yml"), "# mine\n");

    assertThatThrownBy(() -> session.saveMapping("geo.yml", false))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("geo.yml exists; `mapping save geo.yml --force` replaces it");
    assertThat(Files.readString(dir.resolve("geo.yml"))).isEqualTo("# mine\n");

    session.saveMapping("geo.yml", true);
    assertThat(Files.readString(dir.resolve("geo.yml"))).contains("  country:\n");
  }

  @Test
  void aDatabaseUrlWithAPasswordIsNeverWrittenInClear() throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        "database: jdbc:h2:mem:save;PASSWORD=s3cret\n"
            + "entities:\n"
            + "  country:\n"
            + "    files: countries.json\n"
            + "    key: [code]\n");
    session = new Session(dir, Clock.systemUTC());

    assertThatThrownBy(() -> session.saveMapping("copy.yml", false))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessageContaining("jdbc:h2:mem:save;PASSWORD=***")
        .hasMessageNotContaining("s3cret")
        .hasMessageContaining("copy.yml was not written");
    assertThat(dir.resolve("copy.yml")).doesNotExist();
  }

  @Test
  void nothingToSaveIsAUsageErrorSayingWhatToDo() {
    session = new Session(dir, Clock.systemUTC());

    assertThatThrownBy(() -> session.saveMapping(null, false))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage(
            "no mapping to save yet; `load FILE` infers one, `mapping load FILE` reads one");
    assertThat(dir.resolve("syncline.yml")).doesNotExist();
  }
}

package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages that tell the user what is wrong and what to do next. */
class MessagesTest extends InWorkingDirectory {

  void start() {
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:work.db", null, null, false);
  }

  @Test
  void anUnknownEntityInANewSessionSaysHowToMakeItKnown() {
    start();

    assertThatThrownBy(() -> session.export("country", "out", null))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage(
            "unknown entity country; no entity is known yet: `load FILE --entity country` reads"
                + " it, or name it in syncline.yml");
  }

  @Test
  void anUnknownEntityNamesTheKnownOnes() throws IOException {
    Files.writeString(dir.resolve("epics.json"), "[{\"id\": \"e1\"}]");
    start();
    session.load(new LoadRequest("epics.json", "epic", List.of("id"), null, null, null));

    assertThatThrownBy(() -> session.export("country", "out", null))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("unknown entity country; known: epic");
  }
}

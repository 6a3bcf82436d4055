package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The prompt's progress line, drawn against a clock the test moves and a writer it reads. */
class ProgressBarsTest {
  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  final StringWriter screen = new StringWriter();
  final ProgressBars bars = new ProgressBars(clock::get, new PrintWriter(screen, false), () -> 120);

  void after(long millis) {
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    bars.tick();
  }

  @Test
  void workThatEndsWithinASecondDrawsNothing() {
    Progress.Counter read = bars.start("reading countries.json", "records", -1);
    read.add(249);
    after(500);
    after(400);
    read.end();
    bars.close();

    assertThat(screen.toString()).isEmpty();
  }

  @Test
  void afterASecondTheLineShowsTheCountAndTheRateAndIsRedrawnInPlace() {
    Progress.Counter read = bars.start("reading countries.json", "records", -1);
    read.add(150_000);
    after(1000);
    read.add(150_000);
    after(500);

    assertThat(screen.toString())
        .isEqualTo(
            "\rreading countries.json  150,000 records  150,000/s"
                + "\rreading countries.json  300,000 records  200,000/s");
  }

  @Test
  void aKnownTotalShowsABarAndThePercentage() {
    Progress.Counter write = bars.start("writing table country", "rows", 1_000_000);
    write.add(450_000);
    after(1500);

    assertThat(screen.toString())
        .isEqualTo(
            "\rwriting table country  [#########           ]  45%  450,000/1,000,000 rows"
                + "  300,000/s");
  }

  @Test
  void redrawsAreAtMostEveryHundredMilliseconds() {
    Progress.Counter read = bars.start("reading t.json", "records", -1);
    after(1000);
    read.add(1);
    after(30);
    after(30);
    after(30);
    read.add(1);
    after(10);

    assertThat(screen.toString().split("\r", -1)).hasSize(3);
    assertThat(screen.toString()).endsWith("reading t.json  2 records  2/s");
  }

  @Test
  void closingClearsTheLineAndLeavesTheCursorAtItsStart() {
    Progress.Counter read = bars.start("reading t.json", "records", -1);
    read.add(10);
    after(1000);
    String drawn = "reading t.json  10 records  10/s";
    bars.close();
    after(1000);

    assertThat(screen.toString())
        .isEqualTo("\r" + drawn + "\r" + " ".repeat(drawn.length()) + "\r");
  }

  @Test
  void aShorterLineWipesWhatTheLongerOneLeft() {
    Progress.Counter read = bars.start("reading table country", "rows", -1);
    read.add(1_000_000);
    after(1000);
    read.end();
    bars.start("comparing country", null, -1);
    after(1000);

    String first = "reading table country  1,000,000 rows  1,000,000/s";
    String second = "comparing country  1 s";
    assertThat(screen.toString())
        .isEqualTo("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()));
  }

  @Test
  void workGoingOnAtOnceSharesTheLine() {
    Progress.Counter files = bars.start("reading t.json", "records", -1);
    Progress.Counter table = bars.start("reading table t", "rows", -1);
    files.add(2000);
    table.add(1000);
    after(2000);

    assertThat(screen.toString())
        .isEqualTo("\rreading t.json  2,000 records  1,000/s · reading table t  1,000 rows  500/s");
  }

  @Test
  void aLineWiderThanTheTerminalIsCutToFitWithAMark() {
    ProgressBars narrow = new ProgressBars(clock::get, new PrintWriter(screen, false), () -> 30);
    Progress.Counter read = narrow.start("reading a-very-long-file-name.json", "records", -1);
    read.add(5);
    clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
    narrow.tick();

    assertThat(screen.toString()).isEqualTo("\rreading a-very-long-file-nam…");
    assertThat(Columns.of("reading a-very-long-file-nam…")).isEqualTo(29);
  }

  @Test
  void silentProgressCountsButNeverDraws() {
    ProgressBars silent = ProgressBars.silent();
    Progress.Counter read = silent.start("reading t.json", "records", 10);
    read.add(10);
    silent.tick();
    silent.close();

    assertThat(read.done()).isEqualTo(10);
  }
}

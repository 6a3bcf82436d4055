package io.syncline.session;

import io.syncline.core.Masks;
import io.syncline.core.Progress;
import io.syncline.core.SynclineException;
import io.syncline.core.TableCopy;
import io.syncline.core.Value;
import io.syncline.sql.Copy;
import io.syncline.sql.Database;
import io.syncline.state.StateStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The {@code copy} verb: opens the source read-only and the target, runs {@link Copy}, writes the
 * rows the target refused to the dead-letter file, and records the outcome in the target's audit
 * log. Both connections are its own and closed at the end; the session's connection is untouched.
 */
final class CopyJob implements Copy.Listener {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path deadLetter;
  private final Progress progress;
  private final Consumer<String> notices;
  private Progress.Counter copying;
  private BufferedWriter deadLetters;
  private long rejected;

  private CopyJob(Path deadLetter, Progress progress, Consumer<String> notices) {
    this.deadLetter = deadLetter;
    this.progress = progress;
    this.notices = notices;
  }

  static CopyResult run(
      CopyRequest request,
      Masks masks,
      Path workingDirectory,
      Clock clock,
      Progress progress,
      UnaryOperator<String> resolveUrl,
      Duration lockWait,
      Consumer<String> notices) {
    Instant started = clock.instant();
    Masks keyed = masks;
    if (masks.salt().isPresent()) {
      String secret = System.getenv(masks.salt().get());
      if (secret == null || secret.isEmpty()) {
        throw new SynclineException.Usage(
            "syncline.yml: copy.salt-env names "
                + masks.salt().get()
                + ", which is not set; set it to the secret that keys hash and email masks");
      }
      keyed = masks.keyedWith(secret);
    }
    Path deadLetter =
        request.deadLetter() != null
            ? workingDirectory.resolve(request.deadLetter())
            : workingDirectory
                .resolve(".syncline/dead-letter")
                .resolve("copy-" + STAMP.format(started) + ".jsonl");
    CopyJob job = new CopyJob(deadLetter, progress, notices);
    try (Database source =
            Database.open(resolveUrl.apply(request.from()), null, request.fromPassword(), true);
        Database target =
            Database.open(resolveUrl.apply(request.to()), null, request.toPassword(), false);
        // The target's lock only: copy writes no file of the working directory.
        WriteLock lock = WriteLock.take(null, target, "copy", lockWait, clock)) {
      lock.notice().ifPresent(notices);
      List<TableCopy> tables;
      try {
        tables =
            Copy.run(
                source,
                target,
                new Copy.Request(request.tables(), request.where(), request.replace(), keyed),
                job);
      } finally {
        job.closeDeadLetters();
        job.endTable();
      }
      target.apply(
          List.of(),
          List.of(),
          new StateStore(target, clock).recordCopy(started, source.maskedUrl(), tables),
          null);
      return new CopyResult(
          source.maskedUrl(),
          target.maskedUrl(),
          tables,
          job.rejected > 0 ? workingDirectory.relativize(deadLetter).toString() : null);
    }
  }

  @Override
  public void notice(String line) {
    notices.accept(line);
  }

  @Override
  public void table(String table) {
    endTable();
    copying = progress.start("copying " + table, "rows", -1);
  }

  @Override
  public void progress(String table, long rows) {
    if (copying != null) {
      copying.set(rows);
    }
  }

  private void endTable() {
    if (copying != null) {
      copying.end();
      copying = null;
    }
  }

  /** One JSON line: {@code {"table":"t","key":"k","row":{...},"error":"..."}}. */
  @Override
  public void rejected(String table, String key, Map<String, Object> row, String error) {
    Map<String, Value> fields = new LinkedHashMap<>();
    fields.put("table", new Value.Text(table));
    fields.put("key", new Value.Text(key));
    Map<String, Value> values = new LinkedHashMap<>();
    row.forEach((column, value) -> values.put(column, json(value)));
    fields.put("row", new Value.Obj(values));
    fields.put("error", new Value.Text(error));
    try {
      if (deadLetters == null) {
        Files.createDirectories(deadLetter.toAbsolutePath().getParent());
        deadLetters = Files.newBufferedWriter(deadLetter, StandardCharsets.UTF_8);
      }
      deadLetters.write(new Value.Obj(fields).display());
      deadLetters.newLine();
      deadLetters.flush();
    } catch (IOException e) {
      throw new SynclineException(
          "cannot write the dead-letter file " + deadLetter + ": " + e.getMessage(), e);
    }
    rejected++;
  }

  private void closeDeadLetters() {
    if (deadLetters != null) {
      try {
        deadLetters.close();
      } catch (IOException ignored) {
        // every line was flushed as it was written
      }
    }
  }

  private static Value json(Object value) {
    if (value == null) {
      return Value.NULL;
    }
    if (value instanceof Boolean b) {
      return Value.Bool.of(b);
    }
    if (value instanceof Long l) {
      return new Value.Num(BigDecimal.valueOf(l));
    }
    if (value instanceof BigDecimal d) {
      return new Value.Num(d);
    }
    return new Value.Text(value.toString());
  }
}

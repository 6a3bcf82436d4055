package io.syncline.formats;

import io.syncline.core.FileImage;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an apply is about to do, written to {@code .syncline/apply-intent} before it writes anything
 * and removed when it is done: a leftover intent means the process died in between. The next {@code
 * connect} to the same database reads it and asks the database whether the apply with this id
 * committed; the files named here are then kept (it did) or put back from their backups (it did
 * not).
 *
 * <p>The file is text, a line per fact, values percent-encoded where they hold a tab, a newline or
 * a percent sign:
 *
 * <pre>
 *   syncline apply intent 1
 *   run 5f0c...                      the apply's id, also in syncline_log.run_id once committed
 *   started 2026-11-23T14:20:00Z
 *   database jdbc:sqlite:/home/ann/geo.db   (password masked)
 *   file countries.json	.syncline/backups/20261123-142000-000/countries.json	crc32c:1a2b3c4d	crc32c:5e6f7a8b
 * </pre>
 *
 * A {@code -} stands for none: no backup and no checksum before for a file the apply creates, no
 * checksum after for one it deletes. An intent an earlier version left holds SHA-256 hex instead
 * (see {@link FileWrite#images}).
 */
public record ApplyIntent(String runId, Instant startedAt, String database, List<FileImage> files) {
  private static final String HEADER = "syncline apply intent 1";

  public ApplyIntent {
    files = List.copyOf(files);
  }

  public static Path path(Path workingDirectory) {
    return workingDirectory.resolve(".syncline").resolve("apply-intent");
  }

  /** Writes the intent durably: a temporary file, forced to disk, renamed into place. */
  public void write(Path workingDirectory) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append("run ").append(encode(runId)).append('\n');
    text.append("started ").append(startedAt).append('\n');
    text.append("database ").append(encode(database)).append('\n');
    for (FileImage file : files) {
      text.append("file ")
          .append(encode(file.path()))
          .append('\t')
          .append(orDash(file.backup()))
          .append('\t')
          .append(orDash(file.before()))
          .append('\t')
          .append(orDash(file.after()))
          .append('\n');
    }
    Path target = path(workingDirectory);
    try {
      Files.createDirectories(target.getParent());
      Path temp = target.resolveSibling("apply-intent.tmp");
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(target.getParent());
    } catch (IOException e) {
      throw new SynclineException(
          "cannot write "
              + target
              + " (what apply is about to do, kept until it is done): "
              + e.getMessage()
              + "; nothing was changed");
    }
  }

  /** The intent left by an apply that did not finish, if any. */
  public static Optional<ApplyIntent> read(Path workingDirectory) {
    Path file = path(workingDirectory);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
        throw damaged(file, "it does not start with \"" + HEADER + "\"");
      }
      String run = null;
      Instant started = null;
      String database = null;
      List<FileImage> files = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        String value = space < 0 ? "" : line.substring(space + 1);
        switch (name) {
          case "run" -> run = decode(value);
          case "started" -> started = Instant.parse(value);
          case "database" -> database = decode(value);
          case "file" -> {
            String[] parts = value.split("\t", -1);
            if (parts.length != 4) {
              throw damaged(file, "a file line has " + parts.length + " parts, not 4");
            }
            files.add(
                new FileImage(
                    decode(parts[0]), dashless(parts[1]), dashless(parts[2]), dashless(parts[3])));
          }
          case "" -> {}
          default -> throw damaged(file, "unknown line " + name);
        }
      }
      if (run == null || started == null || database == null) {
        throw damaged(file, "the run, started or database line is missing");
      }
      return Optional.of(new ApplyIntent(run, started, database, files));
    } catch (IOException | DateTimeParseException e) {
      throw damaged(file, e.getMessage());
    }
  }

  /** Removes the intent: the apply it describes is done, or was finished or undone. */
  public static void remove(Path workingDirectory) {
    Path file = path(workingDirectory);
    try {
      Files.deleteIfExists(file);
      forceDirectory(file.getParent());
    } catch (IOException e) {
      throw new SynclineException(
          "cannot remove " + file + ": " + e.getMessage() + "; remove it by hand");
    }
  }

  private static SynclineException damaged(Path file, String reason) {
    return new SynclineException(
        file
            + " is damaged ("
            + reason
            + "); it describes an apply that did not finish: compare the files it names with"
            + " their backups, then remove it");
  }

  private static String orDash(String value) {
    return value == null ? "-" : encode(value);
  }

  private static String dashless(String value) {
    return value.equals("-") ? null : decode(value);
  }

  private static String encode(String value) {
    return value.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
  }

  private static String decode(String value) {
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
  }

  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort, as in FileWrite
    }
  }
}

package io.syncline.core;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds Syncline's write lock: enough for the user who waits to find the process and its owner.
 * Kept as text in a lock file, a line per fact:
 *
 * <pre>
 *   pid 4711
 *   user ann
 *   host build-1
 *   since 2026-12-05T14:20:03Z
 *   command apply
 * </pre>
 */
public record WriteLockHolder(long pid, String user, String host, Instant since, String command) {

  /** This process, about to run {@code command}. */
  public static WriteLockHolder thisProcess(String command, Instant now) {
    return new WriteLockHolder(
        ProcessHandle.current().pid(),
        System.getProperty("user.name", "?"),
        Host.NAME,
        now.truncatedTo(ChronoUnit.SECONDS),
        command);
  }

  /** The lines above. */
  public String text() {
    return "pid "
        + pid
        + "\nuser "
        + oneLine(user)
        + "\nhost "
        + oneLine(host)
        + "\nsince "
        + since
        + "\ncommand "
        + oneLine(command)
        + "\n";
  }

  /** The holder written by {@link #text()}; empty for an empty or damaged text. */
  public static Optional<WriteLockHolder> parse(String text) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        facts.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    try {
      return Optional.of(
          new WriteLockHolder(
              Long.parseLong(facts.get("pid")),
              facts.getOrDefault("user", "?"),
              facts.getOrDefault("host", "?"),
              Instant.parse(facts.get("since")),
              facts.getOrDefault("command", "?")));
    } catch (RuntimeException damaged) {
      return Optional.empty();
    }
  }

  /** "pid 4711 (ann on build-1, `apply` since 2026-12-05T14:20:03Z)". */
  public String describe() {
    return "pid " + pid + " (" + user + " on " + host + ", `" + command + "` since " + since + ")";
  }

  /**
   * "syncline 4711@build-1 apply": what a database that shows its clients' names (PostgreSQL's
   * application_name, at most 63 bytes) shows of the holder. The host is cut to fit.
   */
  public String clientName() {
    String name = "syncline " + pid + "@" + host + " " + command;
    return name.length() <= 63 ? name : name.substring(0, 63);
  }

  private static String oneLine(String value) {
    return value.replace('\n', ' ').replace('\r', ' ');
  }

  /** Looked up once: the lookup can wait on a name service. */
  private static final class Host {
    static final String NAME = lookup();

    private static String lookup() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException | SecurityException e) {
        return "unknown host";
      }
    }
  }
}

package io.syncline.formats;

import io.syncline.core.Entity;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The file a record new to a one-record-per-file entity is written to, and the refusals when that
 * file could not be the record's alone. {@code epics/*.json} and key {@code EP-10} give {@code
 * epics/EP-10.json}.
 *
 * <p>Refused, before anything is written: a key that is no plain file name ({@code a/b}, {@code
 * ../x}, {@code /etc/x}, a control character), so nothing lands outside the glob's directory; a
 * glob a key cannot fill ({@code **}{@code /*.json}, {@code *-*.json}); a file that exists or holds
 * another record, which the new one would replace; and two new records given one file, which
 * happens where the file system ignores case ({@code EP-1} and {@code ep-1} on Windows and macOS).
 */
final class RecordFileNames {
  private RecordFileNames() {}

  /** The new record's file, relative to the working directory as the entity's glob is. */
  static String fileFor(Entity entity, String key) {
    String glob = entity.files();
    int star = glob.indexOf('*');
    boolean fillable =
        star >= 0
            && star == glob.lastIndexOf('*')
            && star > glob.lastIndexOf('/')
            && glob.chars().noneMatch(c -> c == '?' || c == '[' || c == '{');
    if (!fillable) {
      throw new SynclineException(
          entity.name()
              + "/"
              + key
              + ": a record new to the files is given a file by a glob with one * in the file"
              + " name, such as epics/*.json, and "
              + entity.name()
              + "'s files are "
              + glob
              + "; add the record to a file by hand, or map the entity with such a glob");
    }
    String name = glob.substring(glob.lastIndexOf('/') + 1).replace("*", key);
    String problem = nameProblem(key, name);
    if (problem != null) {
      throw new SynclineException(
          entity.name()
              + "/"
              + key
              + ": this key cannot be a file name ("
              + problem
              + "); add the record to the files by hand or use a list layout");
    }
    return glob.substring(0, star) + key + glob.substring(star + 1);
  }

  private static String nameProblem(String key, String name) {
    if (key.isBlank()) {
      return "it is blank";
    }
    if (key.indexOf('/') >= 0 || key.indexOf('\\') >= 0) {
      return "it holds a " + (key.indexOf('/') >= 0 ? "/" : "\\") + ", which makes a directory";
    }
    if (name.equals(".") || name.equals("..")) {
      return "the file would be " + name;
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      return "it holds a control character";
    }
    try {
      Path.of(name);
    } catch (InvalidPathException e) {
      return "this system refuses it: " + e.getReason();
    }
    return null;
  }

  /**
   * Refuses the first of {@code keys}, records the plan adds to the files, whose file exists, holds
   * another record, or is also another new record's.
   */
  static void refuseTaken(RecordFiles files, FileRead read, Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    Entity entity = read.entity();
    String first = fileFor(entity, keys.iterator().next());
    boolean ignoresCase =
        ignoresCase(files.workingDirectory().resolve(first).normalize().getParent());
    Map<String, String> holders = new HashMap<>(); // file as compared → the record in it
    Map<String, String> names = new HashMap<>(); // file as compared → its name
    read.originByKey()
        .forEach(
            (key, file) -> {
              String name = files.relative(files.workingDirectory().resolve(file));
              holders.put(compared(name, ignoresCase), entity.name() + "/" + key);
              names.put(compared(name, ignoresCase), name);
            });
    Map<String, String> claimed = new HashMap<>(); // file as compared → the new record's key
    for (String key : keys) {
      Path path = files.workingDirectory().resolve(fileFor(entity, key)).normalize();
      String name = files.relative(path);
      String compared = compared(name, ignoresCase);
      String record = entity.name() + "/" + key;
      String holder = holders.get(compared);
      if (holder != null) {
        String held = names.get(compared);
        throw new SynclineException(
            record
                + " would be written to "
                + name
                + ", which "
                + (held.equals(name) ? "" : "is " + held + " on this file system and ")
                + "holds "
                + holder
                + "; rename one of them");
      }
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new SynclineException(
            record
                + " would be written to "
                + name
                + ", which exists and is not one of "
                + entity.name()
                + "'s records; move it away or rename the record");
      }
      String other = claimed.putIfAbsent(compared, key);
      if (other != null) {
        throw new SynclineException(
            entity.name()
                + "/"
                + other
                + " and "
                + record
                + " would both be written to "
                + name
                + " (this file system ignores case); rename one of them");
      }
    }
  }

  private static String compared(String name, boolean ignoresCase) {
    return ignoresCase ? name.toLowerCase(Locale.ROOT) : name;
  }

  /**
   * Whether the file system holding {@code directory} takes names that differ only in case for one
   * file: the nearest existing directory with a letter in its name is looked up with the case of
   * its letters swapped.
   */
  static boolean ignoresCase(Path directory) {
    for (Path at = directory; at != null && at.getFileName() != null; at = at.getParent()) {
      String name = at.getFileName().toString();
      String swapped = swapCase(name);
      if (swapped.equals(name) || !Files.isDirectory(at)) {
        continue;
      }
      Path other = at.resolveSibling(swapped);
      try {
        return Files.exists(other) && Files.isSameFile(at, other);
      } catch (IOException e) {
        return false;
      }
    }
    return false;
  }

  private static String swapCase(String name) {
    StringBuilder swapped = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            c ->
                swapped.appendCodePoint(
                    Character.isUpperCase(c)
                        ? Character.toLowerCase(c)
                        : Character.toUpperCase(c)));
    return swapped.toString();
  }
}

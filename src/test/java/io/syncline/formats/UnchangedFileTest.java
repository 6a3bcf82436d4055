package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose patch leaves every byte as it was is not written at all: not renamed over by a copy
 * of itself (a new inode, a new mtime, a backup and an undo image for nothing), and not named among
 * the files apply rewrites.
 */
class UnchangedFileTest {
  static final Entity CITY =
      new Entity("city", "cities/*.json", Layout.LIST, "", null, List.of("id"), List.of(), null);

  @TempDir Path dir;

  @Test
  void anUpdateToTheValueAFileAlreadyHoldsLeavesTheFileUntouched() throws IOException {
    Path same = write("cities/a.json", "[\n  {\"id\": \"a\", \"area\": 1.50}\n]\n");
    Path other = write("cities/b.json", "[\n  {\"id\": \"b\", \"area\": 2}\n]\n");
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(same, old);
    Object inode = Files.getAttribute(same, "unix:ino");
    RecordFiles files = new RecordFiles(dir);
    FileRead read = files.read(CITY);
    EntityPlan plan = EntityPlan.empty(CITY);
    // 1.5 is what a.json holds, spelled 1.50: the patch finds nothing to change there
    plan.fileUpdates().put("a", fields("area", "1.5"));
    plan.fileUpdates().put("b", fields("area", "3"));

    FileWrite write = files.prepare(List.of(plan), Map.of("city", read));

    write.commit();
    assertThat(Files.readString(same)).isEqualTo("[\n  {\"id\": \"a\", \"area\": 1.50}\n]\n");
    assertThat(Files.getLastModifiedTime(same)).isEqualTo(old);
    assertThat(Files.getAttribute(same, "unix:ino")).isEqualTo(inode);
    assertThat(write.describe()).containsExactly("rewrite cities/b.json (1 record updated)");
    assertThat(Files.readString(other)).isEqualTo("[\n  {\"id\": \"b\", \"area\": 3}\n]\n");
  }

  @Test
  void aFileOfOneRecordKeepsItsBytesToo() throws IOException {
    Entity note =
        new Entity("note", "notes/*.json", Layout.FILE, "", null, List.of("id"), List.of(), null);
    Path same = write("notes/a.json", "{\"id\": \"a\", \"area\": 1.50}\n");
    Path other = write("notes/b.json", "{\"id\": \"b\", \"area\": 2}\n");
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(same, old);
    Object inode = Files.getAttribute(same, "unix:ino");
    RecordFiles files = new RecordFiles(dir);
    FileRead read = files.read(note);
    EntityPlan plan = EntityPlan.empty(note);
    plan.fileUpdates().put("a", fields("area", "1.5"));
    plan.fileUpdates().put("b", fields("area", "3"));

    FileWrite write = files.prepare(List.of(plan), Map.of("note", read));

    write.commit();
    assertThat(Files.readString(same)).isEqualTo("{\"id\": \"a\", \"area\": 1.50}\n");
    assertThat(Files.getLastModifiedTime(same)).isEqualTo(old);
    assertThat(Files.getAttribute(same, "unix:ino")).isEqualTo(inode);
    assertThat(write.describe()).containsExactly("rewrite notes/b.json (1 field updated)");
    assertThat(Files.readString(other)).isEqualTo("{\"id\": \"b\", \"area\": 3}\n");
  }

  static Map<String, String> fields(String name, String value) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(name, value);
    return fields;
  }

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }
}

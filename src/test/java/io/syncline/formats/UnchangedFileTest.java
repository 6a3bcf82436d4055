package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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
  @TempDir Path dir;

  @Test
  void anUpdateToTheValueAFileAlreadyHoldsLeavesTheFileUntouched() throws IOException {
    Entity city =
        new Entity("city", "cities/*.json", Layout.LIST, "", null, List.of("id"), List.of(), null);
    // 1.5 is what a.json holds, spelled 1.50: the patch finds nothing to change there
    assertOnlyTheOtherFileIsWritten(
        city,
        "[\n  {\"id\": \"a\", \"area\": 1.50}\n]\n",
        "[\n  {\"id\": \"b\", \"area\": 2}\n]\n",
        "[\n  {\"id\": \"b\", \"area\": 3}\n]\n",
        "rewrite cities/b.json (1 record updated)");
  }

  @Test
  void aFileOfOneRecordKeepsItsBytesToo() throws IOException {
    Entity note =
        new Entity("note", "notes/*.json", Layout.FILE, "", null, List.of("id"), List.of(), null);
    assertOnlyTheOtherFileIsWritten(
        note,
        "{\"id\": \"a\", \"area\": 1.50}\n",
        "{\"id\": \"b\", \"area\": 2}\n",
        "{\"id\": \"b\", \"area\": 3}\n",
        "rewrite notes/b.json (1 field updated)");
  }

  /**
   * Plans area 1.5 for record a (which its file already holds as 1.50) and 3 for b, applies, and
   * checks that a's file kept its bytes, mtime and inode while b's was rewritten as {@code
   * described}.
   */
  void assertOnlyTheOtherFileIsWritten(
      Entity entity, String sameText, String otherText, String otherAfter, String described)
      throws IOException {
    String folder = entity.files().substring(0, entity.files().indexOf('/') + 1);
    Path same = write(folder + "a.json", sameText);
    Path other = write(folder + "b.json", otherText);
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(same, old);
    Object inode = Files.getAttribute(same, "unix:ino");
    RecordFiles files = new RecordFiles(dir);
    FileRead read = files.read(entity);
    EntityPlan plan = EntityPlan.empty(entity);
    plan.fileUpdates().put("a", fields("area", "1.5"));
    plan.fileUpdates().put("b", fields("area", "3"));

    FileWrite write = files.prepare(List.of(plan), Map.of(entity.name(), read));

    write.commit();
    assertThat(Files.readString(same)).isEqualTo(sameText);
    assertThat(Files.getLastModifiedTime(same)).isEqualTo(old);
    assertThat(Files.getAttribute(same, "unix:ino")).isEqualTo(inode);
    assertThat(write.describe()).containsExactly(described);
    assertThat(Files.readString(other)).isEqualTo(otherAfter);
  }

  static FieldUpdates fields(String name, String value) {
    return new FieldUpdates().set(name, value);
  }

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }
}

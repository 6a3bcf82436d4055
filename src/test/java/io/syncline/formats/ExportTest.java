package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.Layout;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {
  @TempDir Path dir;

  static Value.Obj record(String json) {
    return (Value.Obj) CanonicalJson.parse(json);
  }

  static final List<Value.Obj> RECORDS =
      List.of(
          record(
              "{\"name\": \"backup\", \"cron\": \"0 2 * * *\", \"enabled\": true, \"tags\": [\"db\", \"yes\"]}"),
          record("{\"name\": \"report\", \"cron\": \"@weekly\", \"retries\": 3, \"owner\": null}"));

  @Test
  void aListExportsAsPrettyJsonUnderItsPointer() throws IOException {
    Entity entity = FilePatchTest.entity(Layout.LIST, "/tasks", "name");
    Path target = dir.resolve("out.json");
    assertThat(Export.write(entity, RECORDS, target, null, dir, FileWriteTest.CLOCK))
        .containsExactly(target);
    assertThat(Files.readString(target))
        .isEqualTo(
            """
        {
          "tasks": [
            {
              "name": "backup",
              "cron": "0 2 * * *",
              "enabled": true,
              "tags": [
                "db",
                "yes"
              ]
            },
            {
              "name": "report",
              "cron": "@weekly",
              "retries": 3,
              "owner": null
            }
          ]
        }
        """);
  }

  @Test
  void aMapExportsAsBlockYamlWithTheKeyAsMemberName() throws IOException {
    Entity entity = FilePatchTest.entity(Layout.MAP, "/tasks", "name");
    Path target = dir.resolve("out.yml");
    Export.write(entity, RECORDS, target, null, dir, FileWriteTest.CLOCK);
    assertThat(Files.readString(target))
        .isEqualTo(
            """
        tasks:
          backup:
            cron: 0 2 * * *
            enabled: true
            tags:
              - db
              - "yes"
          report:
            cron: "@weekly"
            retries: 3
            owner: null
        """);
  }

  @Test
  void aRootListExportsAsYamlItems() throws IOException {
    Entity entity = FilePatchTest.entity(Layout.LIST, "", "name");
    Path target = dir.resolve("out.txt");
    Export.write(entity, RECORDS.subList(0, 1), target, "yaml", dir, FileWriteTest.CLOCK);
    assertThat(Files.readString(target))
        .isEqualTo(
            """
        - name: backup
          cron: 0 2 * * *
          enabled: true
          tags:
            - db
            - "yes"
        """);
  }

  @Test
  void fileLayoutWritesOneFilePerRecord() throws IOException {
    Entity entity = FilePatchTest.entity(Layout.FILE, "", "name");
    Path target = dir.resolve("tasks");
    List<Path> written = Export.write(entity, RECORDS, target, "json", dir, FileWriteTest.CLOCK);
    assertThat(written)
        .containsExactly(target.resolve("backup.json"), target.resolve("report.json"));
    assertThat(Files.readString(target.resolve("report.json")))
        .isEqualTo(
            """
        {
          "name": "report",
          "cron": "@weekly",
          "retries": 3,
          "owner": null
        }
        """);
  }

  @Test
  void fileLayoutRejectsKeysThatWouldLeaveTheDirectory() {
    Entity entity = FilePatchTest.entity(Layout.FILE, "", "name");
    assertThatThrownBy(
            () ->
                Export.write(
                    entity,
                    List.of(record("{\"name\": \"../etc\"}")),
                    dir.resolve("tasks"),
                    "yaml",
                    dir,
                    FileWriteTest.CLOCK))
        .isInstanceOf(SynclineException.Usage.class);
    assertThat(dir.resolve("tasks")).doesNotExist();
  }

  @Test
  void anExportOverAFileKeepsItsMode() throws IOException {
    for (String mode : List.of("rw-r--r--", "rw-r-----")) {
      Entity entity = FilePatchTest.entity(Layout.LIST, "/tasks", "name");
      Path target = dir.resolve(mode + ".json");
      Files.writeString(target, "{}\n");
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));

      Export.write(entity, RECORDS, target, null, dir, FileWriteTest.CLOCK);

      assertThat(Files.readString(target)).contains("\"backup\"");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
          .isEqualTo(mode);
    }
  }

  @Test
  void filesAnExportCreatesGetTheUmaskDefaultNotOwnerOnly() throws IOException {
    Entity entity = FilePatchTest.entity(Layout.FILE, "", "name");
    List<Path> written =
        Export.write(entity, RECORDS, dir.resolve("tasks"), "json", dir, FileWriteTest.CLOCK);

    for (Path file : written) {
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(FileWriteTest.plainCreateMode(dir))
          .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isNotEqualTo("rw-------");
    }
  }

  @Test
  void anExportOverASymlinkWritesItsTargetAndKeepsTheLink() throws IOException {
    Entity entity = FilePatchTest.entity(Layout.LIST, "/tasks", "name");
    Path real = dir.resolve("shared/out.json");
    Files.createDirectories(real.getParent());
    Files.writeString(real, "{}\n");
    Path link = dir.resolve("out.json");
    Files.createSymbolicLink(link, Path.of("shared/out.json"));

    Export.write(entity, RECORDS, link, null, dir, FileWriteTest.CLOCK);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).contains("\"backup\"");
  }
}

package io.syncline.formats;

import io.syncline.core.ChildList;
import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldEdit;
import io.syncline.core.FieldUpdates;
import io.syncline.core.ListEdits;
import io.syncline.core.Records;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToReadFile;
import io.syncline.core.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/** Turns the file side of one entity's plan into prepared writes, file by file. */
final class FilePlan {
  private final RecordFiles files;
  private final EntityPlan plan;
  private final FileRead read;
  private final Entity entity;
  private final Map<Path, SourceFile> sources = new HashMap<>();
  private final boolean checkPatchedFiles;

  /**
   * {@code checkPatchedFiles}: whether a file patched from its kept records is read whole now to
   * check it is as {@code load} read it, or only when its new bytes are staged (see {@link
   * RecordFiles#prepareToStage}).
   */
  FilePlan(RecordFiles files, EntityPlan plan, FileRead read, boolean checkPatchedFiles) {
    this.files = files;
    this.checkPatchedFiles = checkPatchedFiles;
    this.plan = plan;
    this.read = read;
    this.entity = plan.entity();
    read.files().forEach(f -> sources.put(f.path().toAbsolutePath().normalize(), f));
  }

  /**
   * One record per file: updates patch the record's file, inserts create one, deletes remove it.
   */
  void oneRecordPerFile(FileWrite write) {
    plan.fileUpdates()
        .forEach(
            (key, fields) -> {
              Path path = origin(key);
              String text = current(path);
              String patched =
                  FilePatch.apply(
                      text,
                      Parsers.isYaml(path),
                      entity,
                      files.relative(path),
                      Map.of(key, fields),
                      Map.of(),
                      Set.of());
              if (patched.equals(text)) {
                return; // the file already says it (1.50 for 1.5): its bytes stay as they are
              }
              write.rewrite(
                  path,
                  patched,
                  "rewrite " + files.relative(path) + " (" + updated(key, fields) + ")",
                  loaded(path));
            });
    RecordFileNames.refuseTaken(files, read, plan.fileInserts().keySet());
    plan.fileInserts()
        .forEach(
            (key, record) -> {
              Path path = newFile(key);
              write.create(
                  path,
                  Documents.record(entity, Records.parse(record), Parsers.isYaml(path)),
                  "create " + files.relative(path));
            });
    plan.fileDeletes()
        .keySet()
        .forEach(
            key -> {
              Path path = origin(key);
              current(path);
              write.delete(path, "delete " + files.relative(path), loaded(path));
            });
  }

  /** Lists or maps of records: every touched file patched once, new records go to the last file. */
  void recordsInFiles(FileWrite write) {
    Map<Path, Map<String, FieldUpdates>> updates = new LinkedHashMap<>();
    Map<Path, Map<String, String>> inserts = new LinkedHashMap<>();
    Map<Path, Set<String>> deletes = new LinkedHashMap<>();
    plan.fileUpdates()
        .forEach(
            (key, fields) ->
                updates.computeIfAbsent(origin(key), p -> new LinkedHashMap<>()).put(key, fields));
    plan.fileDeletes()
        .keySet()
        .forEach(key -> deletes.computeIfAbsent(origin(key), p -> new LinkedHashSet<>()).add(key));
    Path last = lastFile();
    if (!plan.fileInserts().isEmpty()) {
      inserts.put(last, plan.fileInserts());
    }
    Set<Path> touched = new LinkedHashSet<>();
    touched.addAll(updates.keySet());
    touched.addAll(deletes.keySet());
    touched.addAll(inserts.keySet());
    for (Path path : touched) {
      Map<String, FieldUpdates> updated = updates.getOrDefault(path, Map.of());
      Map<String, String> inserted = inserts.getOrDefault(path, Map.of());
      Set<String> deleted = deletes.getOrDefault(path, Set.of());
      String what =
          counts(updated.size(), inserted.size(), deleted.size()) + childLists(updated, "; ");
      if (!Files.exists(path)) {
        String patched =
            FilePatch.apply(
                Documents.empty(entity, Parsers.isYaml(path)),
                Parsers.isYaml(path),
                entity,
                files.relative(path),
                updated,
                inserted,
                deleted);
        write.create(path, patched, "create " + files.relative(path) + " (" + what + ")");
        continue;
      }
      // Bytes in, bytes out: a large file's new content is the bytes read and the edits'
      // replacements, written piece by piece (SplicedBytes), not a second String encoded once
      // more, nor a second array; updates of a JSON list load kept the records' places of are
      // made from the bytes of those records alone, the rest read again from the file as it is
      // written (FileExcerpts).
      SplicedBytes patched =
          inserted.isEmpty() && deleted.isEmpty() ? patchFromSpans(path, updated) : null;
      if (patched == null) {
        byte[] bytes = currentBytes(path);
        patched =
            FilePatch.applyUtf8(
                bytes,
                new String(bytes, StandardCharsets.UTF_8),
                Parsers.isYaml(path),
                entity,
                files.relative(path),
                updated,
                inserted,
                deleted);
      }
      if (!patched.isUnchanged()) {
        write.rewriteChecked(
            path, patched, "rewrite " + files.relative(path) + " (" + what + ")", loaded(path));
      }
    }
  }

  /**
   * A record's updates as its file's line says them: {@code 2 fields updated}; a child list by what
   * became of its elements, {@code tasks: 1 inserted, 1 deleted}, since "1 field updated" would
   * hide a task added and another removed.
   */
  private String updated(String key, FieldUpdates fields) {
    long own = fields.fields().stream().filter(f -> entity.childList(f).isEmpty()).count();
    String lists = childLists(Map.of(key, fields), own > 0 ? "; " : "");
    return own == 0 ? lists : own + (own == 1 ? " field updated" : " fields updated") + lists;
  }

  /**
   * What became of the child lists the updates set, list by list over the records: {@code tasks: 1
   * inserted, 2 updated}, after {@code separator}; empty when no child list changed.
   */
  private String childLists(Map<String, FieldUpdates> updates, String separator) {
    if (entity.children().isEmpty()) {
      return "";
    }
    Map<String, ListEdits> byList = new LinkedHashMap<>();
    updates.forEach(
        (key, fields) -> {
          Value.Obj before = null;
          for (ChildList list : entity.children()) {
            FieldEdit edit = fields.get(list.field());
            if (edit == null) {
              continue;
            }
            if (before == null) {
              String text = read.records().get(key);
              before = text == null ? new Value.Obj(Map.of()) : Records.parse(text);
            }
            byList.merge(
                list.field(),
                ListEdits.between(list, before.get(list.field()), edit.value()),
                ListEdits::plus);
          }
        });
    StringBuilder out = new StringBuilder();
    byList.forEach(
        (list, edits) ->
            out.append(out.length() == 0 ? separator : "; ")
                .append(list)
                .append(": ")
                .append(edits.describe()));
    return out.toString();
  }

  private static String counts(int updated, int inserted, int deleted) {
    StringBuilder out = new StringBuilder();
    append(out, updated, "updated");
    append(out, inserted, "added");
    append(out, deleted, "removed");
    return out.toString();
  }

  private static void append(StringBuilder out, int n, String what) {
    if (n > 0) {
      out.append(out.length() == 0 ? "" : ", ")
          .append(n)
          .append(n == 1 ? " record " : " records ")
          .append(what);
    }
  }

  private Path origin(String key) {
    String origin = read.originByKey().get(key);
    if (origin != null) {
      return files.workingDirectory().resolve(origin).normalize();
    }
    return lastFile();
  }

  private Path lastFile() {
    if (!read.files().isEmpty()) {
      return read.files().get(read.files().size() - 1).path().toAbsolutePath().normalize();
    }
    return files.workingDirectory().resolve(entity.files()).normalize();
  }

  /** A new file for a record: the glob with its {@code *} replaced by the key. */
  private Path newFile(String key) {
    return files.workingDirectory().resolve(RecordFileNames.fileFor(entity, key)).normalize();
  }

  /**
   * The checksum of the file as {@code load} read it, which the file must still have when it is
   * written (checked again then, see {@link FileWrite}); only for a file {@link #current} read.
   */
  private String loaded(Path path) {
    return FileWrite.crc32c(sources.get(path).checksum());
  }

  /**
   * The file's bytes when it holds {@code size} bytes, null when it holds more or fewer. Read a
   * megabyte at a time ({@link FileWrite#CHUNK}), not in one read: the channel reads into a heap
   * array through a native buffer as large as the read, which would be the whole file again.
   */
  private static byte[] readChunked(Path path, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      return null;
    }
    byte[] bytes = new byte[(int) size];
    try (FileChannel channel = FileChannel.open(path)) {
      int at = 0;
      while (at < bytes.length) {
        int n =
            channel.read(ByteBuffer.wrap(bytes, at, Math.min(FileWrite.CHUNK, bytes.length - at)));
        if (n < 0) {
          return null; // shorter than when it was loaded
        }
        at += n;
      }
      return channel.read(ByteBuffer.allocate(1)) < 0 ? bytes : null;
    }
  }

  /**
   * The updates made from the records' places {@code load} kept and the bytes of those records,
   * after checking the file still has the size {@code load} saw (and, with {@link
   * #checkPatchedFiles}, the bytes); null when that way does not apply (see {@link
   * FilePatch#applyFromSpans}).
   */
  private SplicedBytes patchFromSpans(Path path, Map<String, FieldUpdates> updated) {
    SourceFile source = sources.get(path);
    if (source == null || !source.spans().kept() || updated.isEmpty()) {
      return null;
    }
    int[] positions = source.spans().positionsOf(updated.keySet());
    if (positions == null) {
      return null;
    }
    String name = files.relative(path);
    try {
      FileExcerpts excerpts =
          FileExcerpts.read(path, source.size(), source.checksum(), source.spans(), positions);
      if (excerpts == null || (checkPatchedFiles && !excerpts.unchanged())) {
        throw changedSinceLoaded(name);
      }
      // Kept bytes that do not read as the records load found (an edit since) patch nothing here:
      // the caller then reads the whole file, and checks it.
      return FilePatch.applyFromSpans(excerpts, source.spans(), positions, entity, name, updated);
    } catch (IOException e) {
      throw new UnableToReadFile(name, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  /** The file's text, after checking its bytes are still those {@code load} read. */
  private String current(Path path) {
    return new String(currentBytes(path), StandardCharsets.UTF_8);
  }

  /** The file's bytes, after checking they are still those {@code load} read. */
  private byte[] currentBytes(Path path) {
    String name = files.relative(path);
    SourceFile source = sources.get(path);
    try {
      byte[] bytes = source == null ? null : readChunked(path, source.size());
      CRC32C crc = new CRC32C();
      if (bytes != null) {
        crc.update(bytes);
      }
      if (bytes == null || source.checksum() != crc.getValue()) {
        throw changedSinceLoaded(name);
      }
      return bytes;
    } catch (IOException e) {
      throw new UnableToReadFile(name, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  private static SynclineException changedSinceLoaded(String name) {
    return new SynclineException(
        name + " changed since it was loaded; run `load` again to see the new state");
  }
}

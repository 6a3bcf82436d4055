package io.syncline.formats;

import io.syncline.core.BadRecord;
import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldType;
import io.syncline.core.Layout;
import io.syncline.core.Progress;
import io.syncline.core.Records;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToReadFile;
import io.syncline.core.Value;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads and writes an entity's records in its files. Paths are relative to the working directory.
 */
public final class RecordFiles {
  private final Path workingDirectory;
  private final Clock clock;
  private final ParseMemo memo;

  public RecordFiles(Path workingDirectory, Clock clock) {
    this(workingDirectory, clock, ParseMemo.FROM_BYTES);
  }

  /**
   * Files that remember their parse from {@code memoFromBytes} on ({@link ParseMemo}): for tests.
   */
  RecordFiles(Path workingDirectory, Clock clock, long memoFromBytes) {
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.clock = clock;
    this.memo = new ParseMemo(this.workingDirectory, memoFromBytes);
  }

  public RecordFiles(Path workingDirectory) {
    this(workingDirectory, Clock.systemUTC());
  }

  /**
   * The new content of every file the plans change, computed without writing anything. Refuses when
   * a file's bytes changed since it was read: what {@code diff} showed is what is applied.
   */
  public FileWrite prepare(List<EntityPlan> plans, Map<String, FileRead> loaded) {
    return prepare(plans, loaded, true);
  }

  /**
   * {@link #prepare}, for {@link FileWrite#stage()}: a file patched from the records {@code load}
   * kept the places of is not read whole to check it is unchanged, as making its new bytes reads it
   * whole anyway, checks it as it goes and refuses to finish otherwise. The other files are checked
   * here.
   */
  public FileWrite prepareToStage(List<EntityPlan> plans, Map<String, FileRead> loaded) {
    return prepare(plans, loaded, false);
  }

  private FileWrite prepare(
      List<EntityPlan> plans, Map<String, FileRead> loaded, boolean checkPatchedFiles) {
    FileWrite write = new FileWrite(workingDirectory, clock);
    for (EntityPlan plan : plans) {
      if (!plan.touchesFiles()) {
        continue;
      }
      FileRead read = loaded.get(plan.entity().name());
      if (plan.entity().layout() == Layout.FILE) {
        new FilePlan(this, plan, read, checkPatchedFiles).oneRecordPerFile(write);
      } else {
        new FilePlan(this, plan, read, checkPatchedFiles).recordsInFiles(write);
      }
    }
    return write;
  }

  /**
   * The texts of the records {@code plan} updates in the files, once updated: the part of {@link
   * #afterWrite} that needs no file written, which {@code apply} makes while the files' bytes are
   * being written. Changes nothing.
   */
  public static Map<String, String> updatedTexts(FileRead read, EntityPlan plan) {
    Map<String, String> texts = new LinkedHashMap<>(); // in the plan's order, as they are set
    plan.fileUpdates()
        .forEach(
            (key, fields) ->
                texts.put(key, Records.withFields(read.entity(), read.records().get(key), fields)));
    return texts;
  }

  /**
   * What the files hold after {@code write} carried out the plan, given its {@link #updatedTexts}:
   * record texts, checksums, the file of each record and where the records of a JSON list sit in
   * its bytes follow, so the next apply needs no new {@code load}, nor a parse of the whole file.
   * None of it reads a file again.
   */
  public FileRead afterWrite(
      FileRead read, EntityPlan plan, FileWrite write, Map<String, String> updatedTexts) {
    Snapshot records = read.records();
    updatedTexts.forEach(records::set);
    plan.fileInserts().forEach(records::set);
    plan.fileDeletes().keySet().forEach(records::remove);
    Map<String, String> origins =
        read.originByKey().isEmpty() ? Map.of() : new HashMap<>(read.originByKey());
    if (plan.entity().layout() == Layout.FILE) {
      plan.fileInserts()
          .keySet()
          .forEach(key -> origins.put(key, RecordFileNames.fileFor(plan.entity(), key)));
      plan.fileDeletes().keySet().forEach(origins::remove);
    }
    Map<Path, SourceFile> sources = new LinkedHashMap<>();
    read.files().forEach(f -> sources.put(f.path().toAbsolutePath().normalize(), f));
    write
        .written()
        .forEach(
            (path, written) -> {
              SourceFile before = sources.remove(path);
              if (written != null) {
                RecordSpans spans =
                    before == null ? RecordSpans.NONE : written.bytes().shift(before.spans());
                sources.put(path, new SourceFile(path, written.size(), written.crc32c(), spans));
              }
            });
    List<SourceFile> files = new ArrayList<>(sources.values());
    files.sort(Comparator.comparing(SourceFile::path));
    return new FileRead(read.entity(), records, read.seenTypes(), files, origins);
  }

  /**
   * Refuses, naming both records and the file, a record the database adds to a one-record-per-file
   * entity whose file would replace another record's or an existing file, or would be another new
   * record's too; and a key that cannot be a file name (see {@link RecordFileNames}).
   */
  public void refuseTakenFiles(FileRead read, Collection<String> newKeys) {
    if (read.entity().layout() == Layout.FILE) {
      RecordFileNames.refuseTaken(this, read, newKeys);
    }
  }

  /** Writes the records as a new file (or, one record per file, a directory of files). */
  public List<Path> export(Entity entity, List<Value.Obj> records, Path target, String format) {
    return Export.write(entity, records, target, format, workingDirectory, clock);
  }

  /**
   * Reads every record of the entity. When the entity declares fields, values are checked against
   * their types; when it declares none, the types seen are reported for inference.
   *
   * <p>A single file (no glob) that does not exist yet reads as no records, so a table can be
   * exported into a new file by the first apply; a glob that matches nothing is an error.
   */
  public FileRead read(Entity entity) {
    return read(entity, Progress.NONE);
  }

  /**
   * {@link #read(Entity, Progress)}, except that a large file unchanged since an earlier read takes
   * its records from {@code agreed} instead of being parsed again, when they are exactly the
   * records that read gave ({@link ParseMemo}): {@code load} offers the base, which an apply that
   * agreed on every record left so. Counted as {@code checking FILE against its last reading} then.
   * {@code agreed} is asked only for such a file, once its checksum matches; it may be null.
   */
  public FileRead read(Entity entity, Progress progress, Supplier<Snapshot> agreed) {
    List<Path> paths = expand(entity.files());
    if (paths.size() == 1 && Files.isRegularFile(paths.get(0))) {
      Optional<FileRead> recalled = recall(entity, paths.get(0), agreed, progress);
      if (recalled.isPresent()) {
        return recalled.get();
      }
    }
    return read(entity, paths, progress);
  }

  private Optional<FileRead> recall(
      Entity entity, Path path, Supplier<Snapshot> agreed, Progress progress) {
    try {
      if (!memo.suits(entity, path, Files.size(path)) || !memo.has(entity, path)) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty(); // the parse reports it
    }
    Progress.Counter counter =
        progress.start("checking " + entity.files() + " against its last reading", null, -1);
    try {
      return memo.recall(entity, path, agreed);
    } finally {
      counter.end();
    }
  }

  /**
   * Keeps what a parse of a large file gave ({@link ParseMemo}), for {@link #read(Entity, Progress,
   * Supplier)} to take the next time the file is read unchanged; does nothing for a file that needs
   * none or has one already. Reads {@code read}'s records, which nothing may change meanwhile;
   * never fails.
   */
  public void remember(FileRead read) {
    memo.keep(read);
  }

  /** {@link #read(Entity)}, counting the records read as {@code reading FILES}. */
  public FileRead read(Entity entity, Progress progress) {
    return read(entity, expand(entity.files()), progress);
  }

  /** {@link #read(Entity, Progress)} of the files {@code entity.files()} expanded to. */
  private FileRead read(Entity entity, List<Path> paths, Progress progress) {
    Progress.Counter counter = progress.start("reading " + entity.files(), "records", -1);
    try {
      return read(entity, paths, counter);
    } finally {
      counter.end();
    }
  }

  private FileRead read(Entity entity, List<Path> paths, Progress.Counter counter) {
    try {
      return parse(entity, paths, counter);
    } catch (RecordReader.DuplicateKey e) {
      throw new BadRecord(
          e.origin,
          entity.name(),
          e.key,
          null,
          "duplicate key; first seen at " + firstSeen(entity, paths, e.key));
    }
  }

  /** Reads the files again, in the same order, up to the first record with the key. */
  private String firstSeen(Entity entity, List<Path> paths, String key) {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        continue;
      }
      String name = relative(path);
      RecordReader reader =
          new RecordReader(
                  entity,
                  name,
                  new Snapshot(),
                  new LinkedHashMap<>(),
                  null,
                  new Progress.Counter(name, "", -1))
              .seeking(key);
      try {
        readOne(path, name, reader);
      } catch (RecordReader.FirstSeen found) {
        return found.origin;
      }
    }
    throw new IllegalStateException("a duplicate key " + key + " that a second reading missed");
  }

  private FileRead parse(Entity entity, List<Path> paths, Progress.Counter counter) {
    Snapshot records = new Snapshot();
    Map<String, FieldType> seen = new LinkedHashMap<>();
    boolean several = paths.size() > 1 || entity.layout() == Layout.FILE;
    Map<String, String> origins = several ? new HashMap<>() : null;
    List<SourceFile> sources = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path) && !entity.files().contains("*")) {
        continue;
      }
      String name = relative(path);
      RecordSpans spans = paths.size() == 1 ? spansFor(entity, path) : RecordSpans.NONE;
      if (paths.size() == 1) {
        Optional<SourceFile> split = readSplit(entity, path, name, records, seen, spans, counter);
        if (split.isPresent()) {
          sources.add(split.get());
          continue;
        }
      }
      sources.add(
          readOne(
              path,
              name,
              new RecordReader(entity, name, records, seen, origins, counter).keeping(spans)));
    }
    return new FileRead(entity, records, seen, sources, origins == null ? Map.of() : origins);
  }

  /**
   * Empty spans to keep the records' places in, for a JSON list of records in one file that an
   * {@code apply} can write a few records back into (see {@link RecordSpans}); else none.
   */
  private static RecordSpans spansFor(Entity entity, Path path) {
    try {
      boolean suits =
          entity.layout() == Layout.LIST
              && !Parsers.isYaml(path)
              && Files.size(path) < Integer.MAX_VALUE - 8;
      return suits ? RecordSpans.keeping() : RecordSpans.NONE;
    } catch (IOException e) {
      return RecordSpans.NONE; // the read reports it
    }
  }

  /**
   * Reads a large file of listed records on two cores (see {@link SplitRead}); empty, with {@code
   * records} and {@code seen} left empty, when the file is read in one pass instead.
   */
  private Optional<SourceFile> readSplit(
      Entity entity,
      Path path,
      String name,
      Snapshot records,
      Map<String, FieldType> seen,
      RecordSpans spans,
      Progress.Counter counter) {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      return Optional.empty(); // the one-pass read reports it
    }
    if (!SplitRead.suits(entity, path, size)) {
      return Optional.empty();
    }
    Optional<SplitRead> second = SplitRead.start(entity, path, name, size);
    if (second.isEmpty()) {
      return Optional.empty();
    }
    RecordReader first =
        new RecordReader(entity, name, records, seen, null, counter)
            .keeping(spans)
            .handingOverAt(second.get().offset());
    SourceFile source;
    try {
      source = readOne(path, name, first);
    } catch (RuntimeException e) {
      second.get().abandon();
      throw e;
    }
    if (!first.handedOver()) {
      second.get().abandon();
      return Optional.of(source);
    }
    if (second.get().addTo(records, seen, spans, counter, first.ancestors())) {
      return Optional.of(source);
    }
    records.clear();
    seen.clear();
    spans.clear();
    counter.set(0);
    return Optional.empty();
  }

  private SourceFile readOne(Path path, String name, RecordReader reader) {
    CRC32C crc = new CRC32C();
    long size;
    try (InputStream raw = Files.newInputStream(path);
        CheckedInputStream checked = new CheckedInputStream(raw, crc);
        Utf8Input utf8 = new Utf8Input(checked, path, name);
        InputStream in = new BufferedInputStream(utf8, 1 << 16);
        JsonParser parser = Parsers.open(path, in, name)) {
      try {
        reader.read(parser, Parsers.isYaml(path));
      } catch (JacksonException e) {
        throw inCharacters(path, unreadable(name, e, parser));
      } catch (UnableToReadFile e) {
        throw utf8.refused() ? e : inCharacters(path, e);
      }
      in.transferTo(OutputStream.nullOutputStream());
      size = Files.size(path);
    } catch (JacksonException e) {
      throw unreadable(name, e, null);
    } catch (NoSuchFileException e) {
      throw new UnableToReadFile(name, 0, 0, "no such file");
    } catch (IOException e) {
      throw new UnableToReadFile(name, 0, 0, "cannot read: " + e.getMessage());
    } catch (StackOverflowError e) {
      throw new UnableToReadFile(name, 0, 0, "values nested too deeply");
    }
    return new SourceFile(path, size, crc.getValue(), reader.spans());
  }

  /**
   * The refusal with its column in characters: the JSON parser counts bytes, so a line with {@code
   * é} on it would otherwise point one column too far. YAML's columns are characters already.
   */
  private static UnableToReadFile inCharacters(Path path, UnableToReadFile refusal) {
    if (Parsers.isYaml(path) || refusal.line() <= 0 || refusal.column() <= 0) {
      return refusal;
    }
    return new UnableToReadFile(
        refusal.file(),
        refusal.line(),
        Utf8Input.characterColumn(path, refusal.line(), refusal.column()),
        refusal.reason());
  }

  /**
   * The layout of a single file, from what is at the pointer: a list is {@link Layout#LIST}, an
   * object whose members are all objects is {@link Layout#MAP}; anything else is refused.
   */
  public Layout sniff(String file, String at) {
    Path path = outsideState(file, workingDirectory.resolve(file).normalize());
    String name = relative(path);
    if (!Files.exists(path)) {
      throw new UnableToReadFile(name, 0, 0, "no such file");
    }
    try (InputStream in =
            new BufferedInputStream(new Utf8Input(Files.newInputStream(path), path, name));
        JsonParser parser = Parsers.open(path, in, name)) {
      JsonToken token = parser.nextToken();
      for (String segment : RecordReader.pointer(at)) {
        token = child(parser, token, segment);
        if (token == null) {
          throw sniffed(name, parser, "no " + at + " in the document");
        }
      }
      if (token == JsonToken.START_ARRAY) {
        return Layout.LIST;
      }
      if (token == JsonToken.START_OBJECT) {
        JsonToken member;
        while ((member = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
          if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw sniffed(
                name,
                parser,
                "expected a list of records or records keyed by id at "
                    + (at.isEmpty() ? "the top of the document" : at)
                    + "; found an object with "
                    + RecordReader.describe(parser.currentToken())
                    + " in \""
                    + parser.currentName()
                    + "\" (one record per file? use --layout file; the records elsewhere? use --at /pointer)");
          }
          parser.skipChildren();
        }
        return member == JsonToken.END_OBJECT ? Layout.MAP : Layout.LIST;
      }
      throw sniffed(
          name,
          parser,
          "expected records at "
              + (at.isEmpty() ? "the top of the document" : at)
              + ", found "
              + RecordReader.describe(token));
    } catch (JacksonException e) {
      throw unreadable(name, e, null);
    } catch (IOException e) {
      throw new UnableToReadFile(name, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  /** A refusal from {@link #sniff}, at the token the parser is on. */
  private static UnableToReadFile sniffed(String name, JsonParser parser, String reason) {
    TokenStreamLocation at = parser.currentTokenLocation();
    return new UnableToReadFile(name, at.getLineNr(), Math.max(1, at.getColumnNr()), reason);
  }

  private static JsonToken child(JsonParser parser, JsonToken token, String segment) {
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        JsonToken value = parser.nextToken();
        if (parser.currentName().equals(segment)) {
          return value;
        }
        parser.skipChildren();
      }
    } else if (token == JsonToken.START_ARRAY && segment.matches("\\d+")) {
      int index = 0;
      for (JsonToken item = parser.nextToken();
          item != JsonToken.END_ARRAY;
          item = parser.nextToken()) {
        if (index++ == Integer.parseInt(segment)) {
          return item;
        }
        parser.skipChildren();
      }
    }
    return null;
  }

  /**
   * Syncline's own directory in the working directory: the backups apply keeps of the files it
   * replaced (with their paths, so {@code **}{@code /*.json} would match them and bring deleted
   * records back), the apply intent, the dead letters of {@code copy}. Never read as records.
   */
  static final String STATE_DIRECTORY = ".syncline";

  /** A path or a glob relative to the working directory, expanded and sorted. */
  List<Path> expand(String pattern) {
    if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
      return List.of(outsideState(pattern, workingDirectory.resolve(pattern).normalize()));
    }
    Path base = workingDirectory;
    String glob = pattern;
    int firstWild = indexOfWildcard(pattern);
    int slash = pattern.lastIndexOf('/', firstWild);
    if (slash >= 0) {
      base =
          outsideState(pattern, workingDirectory.resolve(pattern.substring(0, slash)).normalize());
      glob = pattern.substring(slash + 1);
    }
    if (!Files.isDirectory(base)) {
      throw new UnableToReadFile(pattern, 0, 0, "no such directory: " + relative(base));
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    Path root = base;
    try {
      List<Path> found = new ArrayList<>();
      // Not Files.walk: the backups under .syncline/ grow with every apply, and are skipped whole.
      Files.walkFileTree(
          base,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attrs) {
              return inState(directory) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (Files.isRegularFile(file)
                  && !inState(file)
                  && matcher.matches(root.relativize(file))) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
      found.sort(null);
      if (found.isEmpty()) {
        throw new UnableToReadFile(pattern, 0, 0, "no file matches");
      }
      return found;
    } catch (IOException e) {
      throw new SynclineException("cannot list " + relative(base) + ": " + e.getMessage());
    }
  }

  /**
   * {@code path}, unless it lies in a {@link #STATE_DIRECTORY}: then refused, naming {@code given}.
   */
  private Path outsideState(String given, Path path) {
    if (inState(path)) {
      throw new UnableToReadFile(
          given,
          0,
          0,
          "inside "
              + STATE_DIRECTORY
              + "/, where Syncline keeps its backups and state, never records to sync;"
              + " name files outside it");
    }
    return path;
  }

  /**
   * Whether the path is Syncline's: in a {@link #STATE_DIRECTORY} below the working directory, or a
   * temporary or lock file a write killed halfway left beside its target ({@link FileWrite}).
   */
  private boolean inState(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    if (name.endsWith(".syncline-tmp") || name.endsWith(".syncline-lock")) {
      return true;
    }
    Path relative = workingDirectory.relativize(workingDirectory.resolve(path).normalize());
    for (Path part : relative) {
      if (part.toString().equals(STATE_DIRECTORY)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfWildcard(String pattern) {
    int at = pattern.length();
    for (char c : new char[] {'*', '?', '['}) {
      int i = pattern.indexOf(c);
      if (i >= 0) {
        at = Math.min(at, i);
      }
    }
    return at;
  }

  /** The path as messages name files: relative to the working directory when inside it. */
  public String relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(workingDirectory)
        ? workingDirectory.relativize(absolute).toString()
        : absolute.toString();
  }

  Path workingDirectory() {
    return workingDirectory;
  }

  /**
   * A parser's refusal, where it happened and in Syncline's words; {@code parser} gives the place
   * when the refusal has none (a nesting limit), and may be null.
   */
  static UnableToReadFile unreadable(String file, JacksonException e, JsonParser parser) {
    TokenStreamLocation at = e.getLocation();
    if ((at == null || at.getLineNr() <= 0) && parser != null) {
      at = parser.currentLocation();
    }
    String reason = ParserMessages.reason(e.getOriginalMessage());
    return new UnableToReadFile(
        file,
        at == null ? 0 : at.getLineNr(),
        at == null ? 0 : at.getColumnNr(),
        reason.isBlank()
            ? "not valid " + (Parsers.isYaml(Path.of(file)) ? "YAML" : "JSON")
            : reason);
  }
}

package io.syncline.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an entity's enrichment adds to its diff: for each record, the calculated fields the database
 * works out ({@link Enrichment#fill}), carried to both sides as {@link ChangeKind#CALCULATE}.
 *
 * <p>A record new in the files is inserted into the database with its calculated fields ({@link
 * #intoInserts}), and the same fields go into its file as calculations: the database's side of them
 * is then what the insert writes. A record only the database holds is planned once its file exists,
 * since the insert into the files copies the row as it is.
 */
public final class Calculations {
  private Calculations() {}

  /**
   * The files' records with the calculated fields of those the database does not hold and never
   * held (inserts): what the insert into the database writes.
   *
   * @param values the calculated fields by record key
   */
  public static Snapshot intoInserts(
      Entity entity,
      Snapshot file,
      Snapshot base,
      Snapshot database,
      Map<String, Map<String, Value>> values) {
    Snapshot planned = new Snapshot(file.size());
    planned.absorb(file);
    values.forEach(
        (key, fields) -> {
          String text = file.get(key);
          if (text != null && !database.has(key) && !base.has(key)) {
            Map<String, Value> record = new LinkedHashMap<>(Records.parse(text).fields());
            record.putAll(fields);
            planned.set(key, Records.canonical(entity, new Value.Obj(record)));
          }
        });
    return planned;
  }

  /**
   * The diff with each calculated field that either side lacks or holds otherwise as a {@link
   * ChangeKind#CALCULATE}, in place of any change the three-way rules made of it.
   *
   * @param file the files' records as read, without {@link #intoInserts}
   */
  public static EntityDiff of(
      EntityDiff diff,
      Snapshot base,
      Snapshot file,
      Snapshot database,
      Map<String, Map<String, Value>> values) {
    Entity entity = diff.entity();
    Set<String> calculated = Set.copyOf(entity.enrichment().calculatedFields());
    List<Change> listed = new ArrayList<>();
    for (Change change : diff.changes().listed()) {
      boolean replaced =
          !change.wholeRecord()
              && calculated.contains(change.path().field())
              && values.containsKey(change.key().text());
      if (!replaced) {
        listed.add(change);
      }
    }
    Map<String, RecordStates> touched = new HashMap<>(diff.touched());
    values.forEach(
        (key, fields) -> {
          String fileText = file.get(key);
          String databaseText = database.get(key);
          String baseText = base.get(key);
          if (fileText == null || (databaseText == null && baseText != null)) {
            return; // not in the files, or deleted from the database: nothing to plan
          }
          Value.Obj fileRecord = Records.parse(fileText);
          Value.Obj row = databaseText == null ? null : Records.parse(databaseText);
          Value.Obj old = baseText == null ? null : Records.parse(baseText);
          int before = listed.size();
          fields.forEach(
              (name, value) -> {
                Value inFile = fileRecord.get(name);
                Value inDatabase = row == null ? value : row.get(name);
                if (!inFile.sameAs(value) || !inDatabase.sameAs(value)) {
                  listed.add(
                      new Change(
                          entity.name(),
                          new RecordKey(key),
                          FieldPath.of(name),
                          ChangeKind.CALCULATE,
                          null,
                          old == null ? null : text(old.get(name)),
                          text(inFile),
                          text(inDatabase),
                          text(value)));
                }
              });
          if (listed.size() > before) {
            touched.putIfAbsent(key, new RecordStates(baseText, fileText, databaseText));
          }
        });
    listed.sort(ThreeWayDiff.order(entity));
    return new EntityDiff(
        entity,
        ChangeList.of(entity.name(), listed, diff.changes().inserts()),
        touched,
        diff.settled());
  }

  private static String text(Value value) {
    return value instanceof Value.Null ? null : value.canonical();
  }
}

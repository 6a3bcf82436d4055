package io.syncline.session;

import io.syncline.calendar.Holidays;
import io.syncline.core.Enrichment;
import io.syncline.core.Entity;
import io.syncline.core.Progress;
import io.syncline.core.Records;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.UnreadableDuration;
import io.syncline.core.Value;
import io.syncline.core.WorkingDays;
import io.syncline.formats.Export;
import io.syncline.formats.RecordFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code enrich ENTITY --to DIR}: writes a copy of each record of an entity's files with its
 * calculated fields beside it, leaving the files and the database as they are:
 *
 * <pre>
 *   {"epic": {...the record as read...},
 *    "calculated_fields": {"calculated_duration_days": 10, "planned_start_date": ..., ...},
 *    "metadata": {"enriched_at": "2025-11-14T09:00:00Z",
 *                 "calculation_strategy": "next_monday, business days, holidays BR",
 *                 "data_source": "files"}}
 * </pre>
 *
 * A plan the record's file already holds (written there by a sync) is kept while its duration stays
 * the same ({@link Enrichment#fill}).
 */
final class Enrich {
  private final Sides sides;
  private final RecordFiles files;

  Enrich(Sides sides, RecordFiles files) {
    this.sides = sides;
    this.files = files;
  }

  EnrichedCopies enrich(List<Entity> entities, Path to, LocalDate asOf) {
    Map<Path, Value> documents = new LinkedHashMap<>();
    List<UnreadableDuration> unreadable = new ArrayList<>();
    for (Entity entity : entities) {
      Enrichment enrichment =
          entity
              .enriched()
              .orElseThrow(
                  () ->
                      new SynclineException.Usage(
                          entity.name()
                              + " has no enrich: block in syncline.yml, so nothing to work out;"
                              + " nothing was written"));
      WorkingDays calendar = Holidays.of(enrichment.holidays());
      Snapshot records = files.read(entity, Progress.NONE).records();
      for (String key : records.keys()) {
        Value.Obj record = Records.parse(records.get(key));
        Map<String, Value> calculated = new LinkedHashMap<>();
        try {
          calculated.putAll(enrichment.fill(record, record, asOf, calendar));
        } catch (UnreadableDuration e) {
          unreadable.add(e.at(entity.name() + "/" + key + "." + enrichment.duration()));
          enrichment.calculatedFields().forEach(name -> calculated.put(name, Value.NULL));
        }
        documents.put(copyOf(to, entity, key), document(entity, record, calculated));
      }
    }
    List<Path> written =
        Export.documents(documents, "enriched copy", sides.workingDirectory(), sides.clock());
    return new EnrichedCopies(written, unreadable);
  }

  private static Path copyOf(Path to, Entity entity, String key) {
    if (key.isEmpty() || key.contains("/") || key.contains("\\") || key.contains("..")) {
      throw new SynclineException.Usage(
          "cannot name a copy after key \""
              + key
              + "\" of "
              + entity.name()
              + ": keys with /, \\ or .. would leave "
              + to
              + "; nothing was written");
    }
    return to.resolve(key + ".json");
  }

  private Value document(Entity entity, Value.Obj record, Map<String, Value> calculated) {
    Map<String, Value> metadata = new LinkedHashMap<>();
    metadata.put(
        "enriched_at",
        new Value.Text(sides.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString()));
    metadata.put("calculation_strategy", new Value.Text(strategy(entity.enrichment())));
    metadata.put("data_source", new Value.Text("files"));
    Map<String, Value> document = new LinkedHashMap<>();
    document.put(entity.name(), record);
    document.put("calculated_fields", new Value.Obj(calculated));
    document.put("metadata", new Value.Obj(metadata));
    return new Value.Obj(document);
  }

  /** {@code next_monday, business days, holidays BR}: the mapping's words for the plan. */
  private static String strategy(Enrichment enrichment) {
    return enrichment.start()
        + ", "
        + enrichment.days().name().toLowerCase(Locale.ROOT)
        + " days, holidays "
        + enrichment.holidays().region()
        + (enrichment.holidays().optionalDays() ? " with optional days" : "");
  }
}

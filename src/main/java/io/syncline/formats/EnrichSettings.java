package io.syncline.formats;

import io.syncline.core.DayCount;
import io.syncline.core.Enrichment;
import io.syncline.core.HolidayRules;
import io.syncline.core.Layer;
import io.syncline.core.ProgressRule;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * An entity's {@code enrich:} block in {@code syncline.yml}, read and written.
 *
 * <pre>
 * enrich:
 *   duration: duration          # the text field that holds the duration
 *   start: next_monday          # immediate | next_monday | next_workday | YYYY-MM-DD | a date field
 *   days: business              # business | calendar (default)
 *   holidays: BR                # a country, a subdivision (BR-SP), none (default); or in full:
 *   # holidays: {region: BR, optional_days: true, days_off: [2025-12-24, 2025-12-31]}
 *   progress: {children: tasks, done: done, hours: estimate_hours}   # tasks: a child list
 *   # progress: {children: tasks, done: status, done_values: [done, closed]}
 * </pre>
 */
final class EnrichSettings {
  private static final Set<String> ENRICH =
      Set.of("duration", "start", "days", "holidays", "progress");
  private static final Set<String> HOLIDAYS = Set.of("region", "optional_days", "days_off");
  private static final Set<String> PROGRESS = Set.of("children", "done", "done_values", "hours");

  private EnrichSettings() {}

  /**
   * The block at {@code where} ({@code entities.epic.enrich}); {@code fields} is the entity's
   * {@code fields:} as written. The fields the block names are not checked against them: a mapping
   * may declare some fields and leave the rest to be inferred.
   */
  static Enrichment read(String file, String where, JsonNode node, JsonNode fields) {
    if (!node.isObject()) {
      throw MappingFile.problem(
          file,
          where,
          "expected settings like {duration: FIELD, start: next_monday, days: business}");
    }
    MappingFile.refuseUnknown(file, where, node, ENRICH);
    ProgressRule progress =
        node.has("progress") ? progress(file, where + ".progress", node.get("progress")) : null;
    String duration = MappingFile.text(node, "duration", null);
    if (duration == null) {
      throw MappingFile.problem(
          file, where, "say which field holds the duration text: duration: FIELD");
    }
    checkCalculated(file, where, fields);
    DayCount days =
        MappingFile.choice(
            file, where + ".days", DayCount.class, MappingFile.text(node, "days", null), null);
    HolidayRules holidays = holidays(file, where + ".holidays", node.get("holidays"));
    try {
      return new Enrichment(
          duration, MappingFile.text(node, "start", null), days, holidays, progress);
    } catch (IllegalArgumentException e) {
      throw MappingFile.problem(file, where + ".start", e.getMessage());
    }
  }

  private static HolidayRules holidays(String file, String where, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isString()) {
      return region(file, where, node.stringValue());
    }
    if (!node.isObject() || !node.has("region")) {
      throw MappingFile.problem(
          file,
          where,
          "expected a region (BR, BR-SP, none) or {region: BR, optional_days: true, days_off:"
              + " [YYYY-MM-DD, ...]}");
    }
    MappingFile.refuseUnknown(file, where, node, HOLIDAYS);
    HolidayRules rules = region(file, where + ".region", node.get("region").asString());
    JsonNode optional = node.path("optional_days");
    if (!optional.isMissingNode() && !optional.isBoolean()) {
      throw MappingFile.problem(file, where + ".optional_days", "expected true or false");
    }
    if (optional.asBoolean(false)) {
      rules = rules.withOptionalDays();
    }
    return rules.withDaysOff(daysOff(file, where + ".days_off", node.path("days_off")));
  }

  private static HolidayRules region(String file, String where, String region) {
    try {
      return HolidayRules.of(region);
    } catch (IllegalArgumentException e) {
      throw MappingFile.problem(file, where, e.getMessage());
    }
  }

  private static Set<LocalDate> daysOff(String file, String where, JsonNode node) {
    Set<LocalDate> days = new TreeSet<>();
    if (node.isMissingNode() || node.isNull()) {
      return days;
    }
    if (!node.isArray()) {
      throw MappingFile.problem(file, where, "expected a list of dates [YYYY-MM-DD, ...]");
    }
    for (int i = 0; i < node.size(); i++) {
      try {
        days.add(LocalDate.parse(node.get(i).asString()));
      } catch (DateTimeParseException e) {
        throw MappingFile.problem(
            file, where + "[" + i + "]", "expected a date YYYY-MM-DD, found " + node.get(i));
      }
    }
    return days;
  }

  /**
   * {@code progress: {children: LIST, done: FIELD, done_values: [V, ...], hours: FIELD}}; that
   * {@code children} names a child list of the entity is checked with the entity ({@link
   * MappingFile}).
   */
  private static ProgressRule progress(String file, String where, JsonNode node) {
    String usage = "expected {children: LIST, done: FIELD, done_values: [V, ...], hours: FIELD}";
    if (!node.isObject()) {
      throw MappingFile.problem(file, where, usage);
    }
    MappingFile.refuseUnknown(file, where, node, PROGRESS);
    if (!node.path("children").isString() || !node.path("done").isString()) {
      throw MappingFile.problem(file, where, usage);
    }
    List<String> doneValues = new ArrayList<>();
    JsonNode values = node.path("done_values");
    if (!values.isMissingNode() && !values.isNull()) {
      if (!values.isArray()) {
        throw MappingFile.problem(
            file, where + ".done_values", "expected a list of the values that mean done");
      }
      values.values().forEach(v -> doneValues.add(v.asString()));
    }
    return new ProgressRule(
        node.get("children").stringValue(),
        node.get("done").stringValue(),
        doneValues,
        MappingFile.text(node, "hours", null));
  }

  /**
   * The fields enrichment fills are the database's: a file must not feed them back. Only a layer
   * written out is refused: a field declared without one (as {@code mapping save} writes an
   * inferred field) is left for enrichment to make calculated, so that a saved mapping reads back.
   */
  private static void checkCalculated(String file, String where, JsonNode fields) {
    for (String name :
        List.of(
            Enrichment.DURATION_DAYS,
            Enrichment.START_DATE,
            Enrichment.END_DATE,
            Enrichment.PROGRESS,
            Enrichment.STATS)) {
      JsonNode layer = fields.path(name).path("layer");
      if (layer.isString() && !layer.stringValue().equalsIgnoreCase(Layer.CALCULATED.name())) {
        throw MappingFile.problem(
            file,
            where.substring(0, where.lastIndexOf('.')) + ".fields." + name,
            "filled by enrich, so it is the database's: declare it {layer: calculated} or leave"
                + " the layer out");
      }
    }
  }

  /** The block as {@link #read} reads it back, indented under its entity. */
  static void write(Enrichment enrichment, StringBuilder out) {
    HolidayRules holidays = enrichment.holidays();
    List<String> daysOff = new ArrayList<>();
    holidays.daysOff().forEach(day -> daysOff.add(day.toString()));
    out.append("    enrich:\n");
    out.append("      duration: ").append(MappingFile.scalar(enrichment.duration())).append('\n');
    out.append("      start: ").append(MappingFile.scalar(enrichment.start())).append('\n');
    out.append("      days: ")
        .append(enrichment.days().name().toLowerCase(Locale.ROOT))
        .append('\n');
    out.append("      holidays: {region: ")
        .append(MappingFile.scalar(holidays.region()))
        .append(", optional_days: ")
        .append(holidays.optionalDays())
        .append(", days_off: [")
        .append(String.join(", ", daysOff))
        .append("]}\n");
    ProgressRule progress = enrichment.progress();
    if (progress != null) {
      out.append("      progress: {children: ")
          .append(MappingFile.scalar(progress.children()))
          .append(", done: ")
          .append(MappingFile.scalar(progress.done()));
      if (!progress.doneValues().isEmpty()) {
        out.append(", done_values: [")
            .append(
                String.join(", ", progress.doneValues().stream().map(MappingFile::scalar).toList()))
            .append(']');
      }
      if (progress.hours() != null) {
        out.append(", hours: ").append(MappingFile.scalar(progress.hours()));
      }
      out.append("}\n");
    }
  }
}

package io.syncline.core;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an entity's {@code enrich:} block asks to be worked out for each record: a duration in days
 * and planned dates from a text field, counted in calendar or working days.
 *
 * <pre>
 *   enrich:
 *     duration: duration        # the text field that holds the duration ("1.5 semanas")
 *     start: next_monday        # immediate | next_monday | next_workday | YYYY-MM-DD | a date field
 *     days: business            # business | calendar
 *     holidays: BR              # a country, a subdivision (BR-SP), none; or {region, optional_days, days_off}
 * </pre>
 *
 * <p>The results go into calculated fields named as the old system named them: {@link
 * #DURATION_DAYS}, {@link #START_DATE}, {@link #END_DATE}, and with {@code progress:} {@link
 * #PROGRESS} and {@link #STATS} ({@link ProgressRule}).
 *
 * @param duration the field holding the duration text
 * @param start a strategy's spelling or the name of a field holding a date
 * @param progress how the record's child records are counted ({@link #PROGRESS}, {@link #STATS});
 *     null: not counted
 */
public record Enrichment(
    String duration, String start, DayCount days, HolidayRules holidays, ProgressRule progress) {
  public static final String DURATION_DAYS = "calculated_duration_days";
  public static final String START_DATE = "planned_start_date";
  public static final String END_DATE = "planned_end_date";
  public static final String PROGRESS = "progress_percentage";
  public static final String STATS = "stats";

  /** Something that looks like a date is meant as one, and must be one: never a field name. */
  private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");

  private static final List<String> STRATEGIES =
      List.of("immediate", "next_monday", "next_workday");

  public Enrichment {
    start = start == null ? "immediate" : start;
    days = days == null ? DayCount.CALENDAR : days;
    holidays = holidays == null ? HolidayRules.of(HolidayRules.NONE) : holidays;
    if (DATE_LIKE.matcher(start).matches()) {
      StartStrategy.parse(start); // refuses 2025-02-30 with the accepted spellings
    }
  }

  public Enrichment(String duration, String start, DayCount days, HolidayRules holidays) {
    this(duration, start, days, holidays, null);
  }

  /** The strategy {@code start} names, unless it names a field. */
  public Optional<StartStrategy> strategy() {
    return startField().isPresent() ? Optional.empty() : Optional.of(StartStrategy.parse(start));
  }

  /** The field whose date is the start, when {@code start} is no strategy. */
  public Optional<String> startField() {
    return STRATEGIES.contains(start) || DATE_LIKE.matcher(start).matches()
        ? Optional.empty()
        : Optional.of(start);
  }

  /**
   * The entity's fields with those this enrichment fills among them, in the calculated layer: a
   * field the files already show (so inferred as synced) or the mapping declares keeps its column
   * and type; a new one is a decimal or a date.
   */
  public List<Field> withCalculatedFields(List<Field> fields) {
    List<Field> all = new ArrayList<>();
    for (Field field : fields) {
      all.add(
          calculatedFields().contains(field.name())
              ? new Field(field.name(), field.column(), field.type(), Layer.CALCULATED)
              : field);
    }
    for (String name : calculatedFields()) {
      if (all.stream().noneMatch(f -> f.name().equals(name))) {
        FieldType type =
            switch (name) {
              case DURATION_DAYS, PROGRESS -> FieldType.DECIMAL;
              case STATS -> FieldType.JSON;
              default -> FieldType.DATE;
            };
        all.add(new Field(name, null, type, Layer.CALCULATED));
      }
    }
    return all;
  }

  /** The fields this enrichment fills, in the order files show them. */
  public List<String> calculatedFields() {
    return progress == null
        ? List.of(DURATION_DAYS, START_DATE, END_DATE)
        : List.of(DURATION_DAYS, START_DATE, END_DATE, PROGRESS, STATS);
  }

  /**
   * A record's calculated fields, by name: the duration in days and the planned dates, each null
   * when the record holds no duration text.
   *
   * <p>A plan is made once and then kept, so that it does not move every morning: when {@code
   * stored} (the fields as the database last worked them out) holds both dates and the same number
   * of days, and its start still agrees with a start field, its dates are kept whatever {@code
   * asOf} is. A changed duration or start makes a new plan.
   *
   * @param stored the record as last stored, or null for one never synced
   * @throws UnreadableDuration when the duration text names no duration, for the caller to place
   */
  public Map<String, Value> fill(
      Value.Obj record, Value.Obj stored, LocalDate asOf, WorkingDays calendar) {
    return fill(
        record, stored, asOf, calendar, progress == null ? List.of() : progress.childrenIn(record));
  }

  /**
   * {@link #fill(Value.Obj, Value.Obj, LocalDate, WorkingDays)} for a record whose children are
   * given apart from it: those the sync will leave it with, for its progress.
   */
  public Map<String, Value> fill(
      Value.Obj record,
      Value.Obj stored,
      LocalDate asOf,
      WorkingDays calendar,
      List<Value.Obj> children) {
    Map<String, Value> fields = new LinkedHashMap<>();
    calculatedFields().forEach(name -> fields.put(name, Value.NULL));
    if (progress != null) {
      fields.putAll(progress.of(children));
    }
    if (!(record.get(duration) instanceof Value.Text text)) {
      return fields;
    }
    LocalDate fieldStart = startField().map(name -> date(record.get(name))).orElse(null);
    PlannedDates plan = plan(text.value(), fieldStart, asOf, calendar);
    Value days = new Value.Num(plan.duration().days());
    fields.put(DURATION_DAYS, days);
    if (stored != null && keeps(stored, days, plan.start())) {
      fields.put(START_DATE, stored.get(START_DATE));
      fields.put(END_DATE, stored.get(END_DATE));
    } else {
      fields.put(START_DATE, new Value.Text(plan.start().toString()));
      fields.put(END_DATE, new Value.Text(plan.end().toString()));
    }
    return fields;
  }

  /**
   * Whether the stored plan stands: same days, and, when a field gives the start, the same start. A
   * strategy's start is not compared, since it moves with the as-of day by design.
   */
  private boolean keeps(Value.Obj stored, Value days, LocalDate newStart) {
    LocalDate start = date(stored.get(START_DATE));
    return start != null
        && date(stored.get(END_DATE)) != null
        && days.sameAs(stored.get(DURATION_DAYS))
        && (startField().isEmpty() || newStart.equals(start));
  }

  /** The date a value holds as {@code YYYY-MM-DD} text, else null. */
  private static LocalDate date(Value value) {
    if (value instanceof Value.Text text) {
      try {
        return LocalDate.parse(text.value());
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
    return null;
  }

  /**
   * A record's plan, made on {@code asOf}.
   *
   * @param text the record's duration text
   * @param fieldStart the record's start date when {@link #startField()} names one, else ignored
   * @throws UnreadableDuration when the text names no duration, for the caller to place
   */
  public PlannedDates plan(
      String text, LocalDate fieldStart, LocalDate asOf, WorkingDays calendar) {
    WorkDuration workDuration = WorkDuration.read(text, days);
    StartStrategy strategy =
        strategy().orElseGet(() -> new StartStrategy.On(fieldStart == null ? asOf : fieldStart));
    return PlannedDates.plan(workDuration, strategy, asOf, calendar);
  }
}

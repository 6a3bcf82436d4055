package io.syncline.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code enrich: progress:} counts a record's child records: which list, which child field says
 * a child is done, and which holds its estimated hours.
 *
 * <pre>
 *   progress: {children: tasks, done: done}                                  # done is true
 *   progress: {children: tasks, done: status, done_values: [done, closed], hours: estimate_hours}
 * </pre>
 *
 * Worked example, tasks {@code done: true, 4h}, {@code done: false, 2h}, {@code done: false}:
 * {@code progress_percentage} 33.3, {@code stats} {@code {"total": 3, "done": 1, "open": 2,
 * "estimated_hours": 6}}. A record without children has no percentage (null) and stats of zeros.
 *
 * @param children the child list counted
 * @param done the child field that says it is done
 * @param doneValues the values of {@code done} that mean done (as keys print them: {@code closed},
 *     {@code 1}); empty: the boolean true
 * @param hours the child field summed as estimated hours; null: no hours in the stats
 */
public record ProgressRule(String children, String done, List<String> doneValues, String hours) {
  public ProgressRule {
    doneValues = doneValues == null ? List.of() : List.copyOf(doneValues);
  }

  /** Whether {@code child} counts as done. */
  public boolean isDone(Value.Obj child) {
    Value value = child.get(done);
    if (doneValues.isEmpty()) {
      return value instanceof Value.Bool b && b.value();
    }
    return !(value instanceof Value.Null) && doneValues.contains(RecordKey.part(value));
  }

  /** The progress fields of a record with {@code children}: the percentage, then the stats. */
  public Map<String, Value> of(List<Value.Obj> children) {
    int total = children.size();
    int finished = 0;
    BigDecimal hoursSum = BigDecimal.ZERO;
    for (Value.Obj child : children) {
      if (isDone(child)) {
        finished++;
      }
      if (hours != null && child.get(hours) instanceof Value.Num n) {
        hoursSum = hoursSum.add(n.value());
      }
    }
    Map<String, Value> stats = new LinkedHashMap<>();
    stats.put("total", new Value.Num(BigDecimal.valueOf(total)));
    stats.put("done", new Value.Num(BigDecimal.valueOf(finished)));
    stats.put("open", new Value.Num(BigDecimal.valueOf((long) total - finished)));
    if (hours != null) {
      stats.put("estimated_hours", new Value.Num(hoursSum.stripTrailingZeros()));
    }
    Map<String, Value> fields = new LinkedHashMap<>();
    fields.put(
        Enrichment.PROGRESS,
        total == 0
            ? Value.NULL
            : new Value.Num(
                BigDecimal.valueOf(finished * 100L)
                    .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP)
                    .stripTrailingZeros()));
    fields.put(Enrichment.STATS, new Value.Obj(stats));
    return fields;
  }

  /** The children as a nested record holds them in its list field (none: no list there). */
  public List<Value.Obj> childrenIn(Value.Obj record) {
    if (!(record.get(children) instanceof Value.Array list)) {
      return List.of();
    }
    return list.items().stream()
        .filter(Value.Obj.class::isInstance)
        .map(Value.Obj.class::cast)
        .toList();
  }
}

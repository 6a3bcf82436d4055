package io.syncline.session;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Change;
import io.syncline.core.ChangeSet;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.Field;
import io.syncline.core.Side;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Interactive {@code resolve}: the open conflicts one at a time, like git's {@code add -p}. Knows
 * the order, the counter, the answers and their undo; reading keys and printing belong to the
 * shell. Every answer is exactly {@code resolve ID --take SIDE} or {@code resolve ID --value JSON}
 * on the same change set, and is kept when the walk stops early.
 *
 * <p>Order: entity name, then the diff's own order (key, then field in mapping order), so the walk
 * is the same each time for the same conflicts.
 */
public final class ConflictWalk {
  private final ChangeSet changes;
  private final List<Change> conflicts;
  private final Deque<Step> steps = new ArrayDeque<>();
  private int position;

  /**
   * One answer: {@code line} is the {@code resolve} command that does the same, null for a skip.
   */
  public record Step(Change conflict, String line) {}

  private ConflictWalk(ChangeSet changes, List<Change> conflicts) {
    this.changes = changes;
    this.conflicts = conflicts;
  }

  /** The conflicts the selector names (null: all) that are still waiting for a decision. */
  public static ConflictWalk over(ChangeSet changes, String selector) {
    List<Change> matched = changes.matching(selector);
    if (selector != null && matched.isEmpty()) {
      throw new SynclineException.Usage(
          "no change matches " + selector + "; `conflicts` lists the conflicts");
    }
    List<Change> open =
        matched.stream()
            .filter(Change::isConflict)
            .filter(c -> changes.resolution(c).isEmpty())
            .sorted(Comparator.comparing(Change::entity)) // stable: keeps key and field order
            .toList();
    if (open.isEmpty()) {
      boolean decided = matched.stream().anyMatch(Change::isConflict);
      throw new SynclineException.Usage(
          (selector == null ? "there are" : selector + " has")
              + (decided
                  ? " no open conflicts; `conflicts` lists the decided ones"
                  : " no conflicts to resolve"));
    }
    return new ConflictWalk(changes, open);
  }

  public boolean finished() {
    return position >= conflicts.size();
  }

  public Change current() {
    if (finished()) {
      throw new IllegalStateException("the walk is finished");
    }
    return conflicts.get(position);
  }

  /** 1-based, for the counter {@code [2/7]}. */
  public int number() {
    return position + 1;
  }

  public int total() {
    return conflicts.size();
  }

  /** Decides the current conflict with one side's value, and moves on. */
  public void take(Side side) {
    Change conflict = current();
    changes.resolve(conflict.id(), side);
    steps.push(new Step(conflict, line(conflict, "--take " + label(side))));
    position++;
  }

  /**
   * Decides the current conflict with a typed value, and moves on; bad JSON or a value of the wrong
   * type for the field throws {@link SynclineException.Usage} and decides nothing.
   */
  public void give(String json) {
    Change conflict = current();
    Value value;
    try {
      value = CanonicalJson.parse(json.strip());
    } catch (CanonicalJson.NotJson e) {
      throw new SynclineException.Usage(
          "not JSON (" + e.getMessage() + "); a string needs quotes: \"text\"");
    }
    Field field = field(conflict);
    if (field != null && !field.type().accepts(value)) {
      throw new SynclineException.Usage(
          conflict.path().field()
              + " holds "
              + field.type().lowerName()
              + " values; got "
              + json.strip());
    }
    changes.resolve(conflict.id(), value);
    steps.push(new Step(conflict, line(conflict, "--value " + Journal.quote(value.display()))));
    position++;
  }

  /** Leaves the current conflict open and moves on. */
  public void skip() {
    steps.push(new Step(current(), null));
    position++;
  }

  /** Takes back the previous answer (a decision is forgotten); false when there is none. */
  public boolean undo() {
    if (steps.isEmpty()) {
      return false;
    }
    Step last = steps.pop();
    if (last.line() != null) {
      changes.unresolve(last.conflict().id());
    }
    position--;
    return true;
  }

  /** The decisions in force, in the order made, as the {@code resolve} lines that repeat them. */
  public List<String> decisions() {
    List<String> lines = new ArrayList<>();
    steps
        .descendingIterator()
        .forEachRemaining(
            s -> {
              if (s.line() != null) {
                lines.add(s.line());
              }
            });
    return lines;
  }

  public int decided() {
    return decisions().size();
  }

  /** The field's mapping, or null for a whole-record conflict. */
  public Field field(Change conflict) {
    if (conflict.wholeRecord()) {
      return null;
    }
    Entity entity = entity(conflict);
    return entity == null ? null : entity.field(conflict.path().field()).orElse(null);
  }

  /** The conflict's entity as its diff has it (a child's fields inferred); null if not found. */
  public Entity entity(Change conflict) {
    return changes.diffs().stream()
        .map(EntityDiff::entity)
        .filter(e -> e.name().equals(conflict.entity()))
        .findFirst()
        .orElse(null);
  }

  private static String line(Change conflict, String decision) {
    return "resolve " + Journal.quote(conflict.id()) + " " + decision;
  }

  private static String label(Side side) {
    return side == Side.DATABASE ? "db" : side.name().toLowerCase(Locale.ROOT);
  }
}

package io.syncline.core;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One record's database row and base, before and after one apply: what {@code rollback} needs to
 * put the row and the base back, and to tell whether something else changed the row since. Texts
 * are canonical record texts, null where there was no row (or no base).
 *
 * <p>The after texts are only ever compared, never restored, so the store keeps their {@link
 * #fingerprint} instead: a first sync of a million records would otherwise keep every record's text
 * once more. An image read back from the store carries fingerprints there; {@link #holds} compares
 * either.
 *
 * @param rowChanged whether the apply wrote the row; when not, {@code rowBefore} and {@code
 *     rowAfter} are null and mean nothing
 * @param baseChanged whether the apply wrote the base and its earlier value is known; a base the
 *     apply only settled (both sides already agreed) is left as it is by a rollback
 */
public record RecordImage(
    String key,
    boolean rowChanged,
    String rowBefore,
    String rowAfter,
    boolean baseChanged,
    String baseBefore,
    String baseAfter) {

  /**
   * The images of what {@code plan} does, the rows' earlier texts from its guards and the bases'
   * from {@code diff} (the diff the plan was made from).
   *
   * <p>Worked example, base {@code {"id":"a","n":1}}: an update of n to 2 in the database gives
   * {@code (a, true, {"id":"a","n":1}, {"id":"a","n":2}, true, {"id":"a","n":1},
   * {"id":"a","n":2})}; the same update to the file only gives {@code (a, false, null, null, true,
   * ...)}: the row was not written.
   *
   * <p>The images are made as the collection is walked, each walk anew: a first sync's million
   * images are packed a part at a time, never all held.
   */
  public static Collection<RecordImage> of(EntityPlan plan, EntityDiff diff) {
    Map<String, String> baseBefore = new HashMap<>();
    List<Inserts> wholeToFile = new ArrayList<>();
    for (Change change : diff.changes().listed()) {
      noteBaseBefore(plan, diff, change, baseBefore);
    }
    for (Inserts run : diff.changes().inserts()) {
      if (run.direction() == Direction.TO_DATABASE) {
        continue; // no base before them: imaged from the plan's inserts below, a million of them
      }
      if (plan.took(run)) {
        wholeToFile.add(run); // no base before them either: imaged below without a map of them
      } else {
        for (int i = 0; i < run.size(); i++) {
          noteBaseBefore(plan, diff, run.change(plan.entity().name(), i), baseBefore);
        }
      }
    }
    // Each key once, in this order: inserted, updated, deleted, base only, and the whole runs of
    // records inserted into files. A first sync has a million inserts; the maps say which keys
    // came before, so no set of all keys is built, and images are made as they are walked.
    List<RecordImage> others = new ArrayList<>();
    for (String key : plan.databaseUpdates().keySet()) {
      if (!plan.databaseInserts().containsKey(key)) {
        others.add(image(plan, key, baseBefore));
      }
    }
    for (String key : plan.databaseDeletes().keySet()) {
      if (!plan.databaseInserts().containsKey(key) && !plan.databaseUpdates().containsKey(key)) {
        others.add(image(plan, key, baseBefore));
      }
    }
    for (String key : baseBefore.keySet()) {
      if (!plan.databaseInserts().containsKey(key)
          && !plan.databaseUpdates().containsKey(key)
          && !plan.databaseDeletes().containsKey(key)) {
        others.add(image(plan, key, baseBefore));
      }
    }
    int size =
        plan.databaseInserts().size()
            + others.size()
            + wholeToFile.stream().mapToInt(Inserts::size).sum();
    return new AbstractCollection<>() {
      @Override
      public Iterator<RecordImage> iterator() {
        // Streams joined by concat, never flatMap: a flatMap walked by an iterator holds each
        // inner stream whole, here a million images.
        List<Stream<RecordImage>> parts = new ArrayList<>();
        plan.databaseInserts().runs().forEach(run -> parts.add(inserted(run)));
        parts.add(
            plan.databaseInserts().others().entrySet().stream()
                .map(row -> inserted(plan, row.getKey(), row.getValue(), baseBefore)));
        parts.add(others.stream());
        for (Inserts run : wholeToFile) {
          parts.add(
              IntStream.range(0, run.size())
                  .mapToObj(
                      i ->
                          new RecordImage(run.key(i), false, null, null, true, null, run.text(i))));
        }
        return parts.stream().reduce(Stream::concat).orElseThrow().iterator();
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** Keeps the base the change's record had before, when the plan writes its base. */
  private static void noteBaseBefore(
      EntityPlan plan, EntityDiff diff, Change change, Map<String, String> baseBefore) {
    if (change.kind() == ChangeKind.INSERT && change.direction() == Direction.TO_DATABASE) {
      return; // no base before it: imaged from the plan's inserts
    }
    String key = change.key().text();
    if (plan.base().containsKey(key) && !baseBefore.containsKey(key)) {
      RecordStates states = diff.states(change);
      baseBefore.put(key, states == null ? change.base() : states.base());
    }
  }

  /**
   * The rows of a run the plan inserts: nothing before them, no base before them, and each is its
   * own base after ({@link EntityPlan#take} takes a run into the inserts and the base together).
   */
  private static Stream<RecordImage> inserted(Inserts run) {
    return IntStream.range(0, run.size())
        .mapToObj(
            i -> {
              String text = run.text(i);
              return new RecordImage(run.key(i), true, null, text, true, null, text);
            });
  }

  /**
   * A row the plan inserts: nothing before it; its base, when the plan writes one, had none before
   * unless the map says otherwise (a resolved conflict that inserts the row).
   */
  private static RecordImage inserted(
      EntityPlan plan, String key, String text, Map<String, String> baseBefore) {
    String base = plan.base().get(key);
    boolean baseChanged =
        baseBefore.containsKey(key) || base != null || plan.base().containsKey(key);
    return new RecordImage(
        key, true, null, text, baseChanged, baseBefore.get(key), baseChanged ? base : null);
  }

  private static RecordImage image(EntityPlan plan, String key, Map<String, String> baseBefore) {
    boolean inserted = plan.databaseInserts().containsKey(key);
    boolean updated = !inserted && plan.databaseUpdates().containsKey(key);
    boolean rowChanged = inserted || updated || plan.databaseDeletes().containsKey(key);
    String before = inserted ? null : plan.expectedDatabase().get(key);
    String after =
        inserted
            ? plan.databaseInserts().get(key)
            : updated
                ? Records.withFields(plan.entity(), before, plan.databaseUpdates().get(key))
                : null;
    boolean baseChanged = baseBefore.containsKey(key);
    return new RecordImage(
        key,
        rowChanged,
        rowChanged ? before : null,
        rowChanged ? after : null,
        baseChanged,
        baseChanged ? baseBefore.get(key) : null,
        baseChanged ? plan.base().get(key) : null);
  }

  /**
   * A short stand-in for a canonical text that compares as the text does: {@code #~} (no record
   * text starts so), a 64-bit hash of the characters and the length, {@code #~9f3c…:120}.
   *
   * <p>The hash runs four FNV-1a lanes over every fourth character, mixed at the end with
   * MurmurHash3's finalizer: one lane's multiplications wait on each other, four overlap, and a
   * first sync takes a fingerprint of every record it writes. Images written before kept one lane
   * ({@code #9f3c…:120}, see {@link #holds}).
   */
  public static String fingerprint(String text) {
    if (text == null || text.startsWith("#")) {
      return text;
    }
    long a = 0xcbf29ce484222325L;
    long b = 0x84222325cbf29ce4L;
    long c = 0x9e3779b97f4a7c15L;
    long d = 0xc2b2ae3d27d4eb4fL;
    int n = text.length();
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      a = (a ^ text.charAt(i)) * FNV_PRIME;
      b = (b ^ text.charAt(i + 1)) * FNV_PRIME;
      c = (c ^ text.charAt(i + 2)) * FNV_PRIME;
      d = (d ^ text.charAt(i + 3)) * FNV_PRIME;
    }
    for (; i < n; i++) {
      a = (a ^ text.charAt(i)) * FNV_PRIME;
    }
    long hash = mix(mix(mix(mix(a) ^ b) ^ c) ^ d);
    return "#~" + Long.toHexString(hash) + ":" + n;
  }

  private static final long FNV_PRIME = 0x100000001b3L;

  /** MurmurHash3's 64-bit finalizer: every input bit reaches every output bit. */
  private static long mix(long hash) {
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }

  /** The one-lane fingerprint undo images kept before {@link #fingerprint}'s four lanes. */
  static String oneLaneFingerprint(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * FNV_PRIME;
    }
    return "#" + Long.toHexString(mix(hash)) + ":" + text.length();
  }

  /**
   * Whether {@code now} (a canonical text, or null) is what {@code after} (text or fingerprint)
   * was.
   */
  public static boolean holds(String now, String after) {
    if (now == null || after == null) {
      return now == null && after == null;
    }
    if (after.startsWith("#~")) {
      return fingerprint(now).equals(after);
    }
    return after.startsWith("#") ? oneLaneFingerprint(now).equals(after) : Records.same(now, after);
  }
}

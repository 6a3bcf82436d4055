package io.syncline.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where three versions of one JSON value differ, path by path, and how many of its elements (or
 * members) are the same on all three: what {@code resolve} shows of a large value instead of the
 * value three times. Worked example, for a field {@code matches} of 380 elements:
 *
 * <pre>
 *   base      [m0, …, {"score":"1-0","venue":"A"}, …]
 *   file      [m0, …, {"score":"2-0","venue":"A"}, …]     element 3's score changed
 *   database  [m0, …, {"score":"1-1","venue":"A"}, …, m380] element 3's score changed, one appended
 *
 *   matches[3].score    "1-0"   "2-0"     "1-1"    a conflict
 *   matches[380]        absent  absent    m380     added in the database
 *   same: 378
 * </pre>
 *
 * The walk follows {@link ValueMerge}: objects of the same kind on all three sides are entered
 * member by member, lists region by region as {@link ListMerge} aligns them, so a merge of the same
 * three values fails exactly when a difference here is a {@link Difference#conflict()}. Paths:
 *
 * <pre>
 *   matches[3].score       member "score" of element 3 (indices count in the base)
 *   matches[380]           an element the base has not, inserted at its place 380
 *   matches[3:5]           base elements 3 and 4, replaced differently on each side: the values
 *                          are lists, what each side has in their place ([3:3]: inserts at 3)
 *   labels["a b"]          a member whose name is not a plain word
 * </pre>
 *
 * @param differences in the order of the value (the file's member order, the base's elements)
 * @param same the top-level elements or members equal on all three sides (0 for a scalar)
 */
public record ValueDiff(List<ValueDiff.Difference> differences, int same) {
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  public ValueDiff {
    differences = List.copyOf(differences);
  }

  /**
   * One path where the sides differ; a side's value is {@code null} where it has none there (a
   * member or element absent on that side).
   */
  public record Difference(String path, Value base, Value file, Value database) {
    /**
     * Both sides moved away from the base, to different values: the merge cannot decide. An absent
     * value counts as null, as in {@link ObjectMerge}.
     */
    public boolean conflict() {
      return !orNull(file).sameAs(orNull(base))
          && !orNull(database).sameAs(orNull(base))
          && !orNull(file).sameAs(orNull(database));
    }

    /** Whether {@code side} moved away from the base here. */
    public boolean changedIn(Side side) {
      Value value = side == Side.FILE ? file : side == Side.DATABASE ? database : base;
      return !orNull(value).sameAs(orNull(base));
    }
  }

  private static Value orNull(Value value) {
    return value == null ? Value.NULL : value;
  }

  /** The differences at which the sides disagree. */
  public List<Difference> conflicts() {
    return differences.stream().filter(Difference::conflict).toList();
  }

  /** {@code root} names the value: a field's name ({@code matches}), or "" for a whole record. */
  public static ValueDiff of(String root, Value base, Value file, Value database) {
    List<Difference> out = new ArrayList<>();
    int same = walk(root, base, file, database, out);
    return new ValueDiff(out, same);
  }

  /** Adds the differences under {@code path}; gives the top-level parts found equal. */
  private static int walk(
      String path, Value base, Value file, Value database, List<Difference> out) {
    if (orNull(base).sameAs(file) && orNull(base).sameAs(database)) {
      return 0; // an absent member and a null one are the same, as in ObjectMerge
    }
    if (base != null && file != null && database != null) {
      if (base instanceof Value.Obj b
          && file instanceof Value.Obj f
          && database instanceof Value.Obj d) {
        return members(path, b, f, d, out);
      }
      if (base instanceof Value.Array b
          && file instanceof Value.Array f
          && database instanceof Value.Array d) {
        return elements(path, b.items(), f.items(), d.items(), out);
      }
    }
    out.add(new Difference(path, base, file, database));
    return 0;
  }

  private static int members(
      String path, Value.Obj base, Value.Obj file, Value.Obj database, List<Difference> out) {
    Set<String> names = new LinkedHashSet<>(file.fields().keySet());
    names.addAll(database.fields().keySet());
    names.addAll(base.fields().keySet());
    int same = 0;
    for (String name : names) {
      Value b = base.fields().get(name);
      Value f = file.fields().get(name);
      Value d = database.fields().get(name);
      int before = out.size();
      String member =
          WORD.matcher(name).matches()
              ? (path.isEmpty() ? name : path + "." + name)
              : path + "[" + new Value.Text(name).display() + "]";
      walk(member, b, f, d, out);
      same += out.size() == before ? 1 : 0;
    }
    return same;
  }

  private static int elements(
      String path, List<Value> base, List<Value> file, List<Value> database, List<Difference> out) {
    int same = base.size();
    for (ListMerge.Region region : ListMerge.regions(base, file, database)) {
      List<Value> b = base.subList(region.from(), region.to());
      List<Value> f = region.file();
      List<Value> d = region.database();
      same -= b.size();
      if (ListMerge.pairwise(b, region)) {
        for (int i = 0; i < b.size(); i++) {
          int before = out.size();
          walk(path + "[" + (region.from() + i) + "]", b.get(i), f.get(i), d.get(i), out);
          same += out.size() == before ? 1 : 0;
        }
      } else if (!ListMerge.same(f, b) && !ListMerge.same(d, b) && !ListMerge.same(f, d)) {
        out.add(
            new Difference(
                path + "[" + region.from() + ":" + region.to() + "]",
                new Value.Array(b),
                new Value.Array(f),
                new Value.Array(d)));
      } else {
        // One side's change, or the same on both: element by element, absent past a side's end.
        int length = Math.max(b.size(), Math.max(f.size(), d.size()));
        for (int i = 0; i < length; i++) {
          Value bi = i < b.size() ? b.get(i) : null;
          Value fi = i < f.size() ? f.get(i) : null;
          Value di = i < d.size() ? d.get(i) : null;
          if (!(bi != null && fi != null && di != null && bi.sameAs(fi) && bi.sameAs(di))) {
            out.add(new Difference(path + "[" + (region.from() + i) + "]", bi, fi, di));
          }
        }
      }
    }
    return same;
  }
}

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes N synthetic records (about 270 bytes each) as a JSON array, for scripts/bench.
 * With a third argument P, every record whose number is divisible by round(100/P) gets a changed
 * score and notes: P percent of the records differ from the run without it.
 *
 * <pre>java Generate.java OUT.json N [PERCENT_CHANGED]</pre>
 *
 * The nested case: E epics, each with a list of T tasks ({@code epics}), or the same E * T tasks
 * as one flat list, each with its epic's key ({@code tasks}). With P, every task whose number is
 * divisible by round(100/P) gets a changed title and done flag, in both shapes alike.
 *
 * <pre>java Generate.java epics|tasks OUT.json E T [PERCENT_CHANGED]</pre>
 */
public class Generate {
  private static final String[] CITIES = {"Lisbon", "Oslo", "Quito", "Hanoi", "Dakar", "Perth", "Lima", "Turku"};
  private static final String[] TAGS = {"alpha", "beta", "gamma", "delta", "epsilon"};

  private static final String[] VERBS = {"Design", "Implement", "Test", "Review", "Measure", "Document"};
  private static final String[] THINGS = {"retry policy", "fixtures", "audit log", "YAML reader", "dry run", "checksums"};

  public static void main(String[] args) throws IOException {
    if (args[0].equals("epics") || args[0].equals("tasks")) {
      tasks(args[0].equals("epics"), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          args.length > 4 ? Double.parseDouble(args[4]) : 0);
      return;
    }
    Path out = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    double percent = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    int every = percent > 0 ? (int) Math.round(100 / percent) : 0;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("[\n");
      for (int i = 0; i < n; i++) {
        Random r = new Random(i);
        boolean changed = every > 0 && i % every == 0;
        w.write(String.format(
            "{\"id\":\"rec-%07d\",\"name\":\"Person %d\",\"email\":\"person%d@example.com\",\"age\":%d,"
                + "\"score\":%d.%d,\"active\":%s,\"joined\":\"20%02d-%02d-%02d\",\"tags\":[\"%s\",\"%s\"],"
                + "\"address\":{\"city\":\"%s\",\"zip\":\"%05d\"},\"notes\":\"%s\"}%s\n",
            i, i, i, 18 + r.nextInt(70), r.nextInt(1000) + (changed ? 1 : 0), r.nextInt(10), r.nextBoolean(),
            10 + r.nextInt(15), 1 + r.nextInt(12), 1 + r.nextInt(28), TAGS[r.nextInt(5)], TAGS[r.nextInt(5)],
            CITIES[r.nextInt(8)], r.nextInt(100000),
            changed ? "changed in the second file" : "lorem ipsum dolor sit amet consectetur",
            i == n - 1 ? "" : ","));
      }
      w.write("]\n");
    }
  }

  private static void tasks(boolean nested, Path out, int epics, int perEpic, double percent) throws IOException {
    int every = percent > 0 ? (int) Math.round(100 / percent) : 0;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("[\n");
      for (int e = 0; e < epics; e++) {
        String epicKey = String.format("EP-%05d", e);
        if (nested) {
          w.write(String.format("{\"epic_key\":\"%s\",\"name\":\"Epic %d\",\"summary\":\"%s\",\"tasks\":[\n",
              epicKey, e, "Work planned for epic " + e));
        }
        for (int t = 0; t < perEpic; t++) {
          int i = e * perEpic + t;
          Random r = new Random(i);
          boolean changed = every > 0 && i % every == 0;
          boolean done = r.nextBoolean() != changed;
          String task = String.format("\"task_key\":\"T%03d\",\"title\":\"%s %s%s\",\"estimate_hours\":%d,\"done\":%s}",
              t, VERBS[r.nextInt(VERBS.length)], THINGS[r.nextInt(THINGS.length)], changed ? " (changed)" : "",
              1 + r.nextInt(16), done);
          boolean last = nested ? t == perEpic - 1 : e == epics - 1 && t == perEpic - 1;
          w.write((nested ? "  {" : "{\"epic_key\":\"" + epicKey + "\",") + task + (last ? "" : ",") + "\n");
        }
        if (nested) {
          w.write(e == epics - 1 ? "]}\n" : "]},\n");
        }
      }
      w.write("]\n");
    }
  }
}

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
 */
public class Generate {
  private static final String[] CITIES = {"Lisbon", "Oslo", "Quito", "Hanoi", "Dakar", "Perth", "Lima", "Turku"};
  private static final String[] TAGS = {"alpha", "beta", "gamma", "delta", "epsilon"};

  public static void main(String[] args) throws IOException {
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
}

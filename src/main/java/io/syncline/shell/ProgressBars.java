package io.syncline.shell;

import io.syncline.core.Progress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Progress at the prompt: one line on standard error, redrawn in place with {@code \r}, cleared
 * when the command's work ends. Nothing is drawn for work that ends within {@link #DELAY} (most
 * commands on small data), and after that at most every {@link #EVERY}, from a timer thread: the
 * loops doing the work only count ({@link Progress.Counter#add}).
 *
 * <pre>
 *   reading countries.json  412,000 records  205,000/s · reading table country  380,000 rows  190,000/s
 *   writing table country  [#########           ]  45%  450,000/1,000,000 rows  120,000/s
 * </pre>
 *
 * <p>Why not a library: JLine's own {@code Status} bar takes the bottom lines of the screen and
 * needs the line reader to redraw around it, which it does not do while a command runs; progress
 * bar libraries (me.tongfei:progressbar) bring their own terminal detection and threads and draw on
 * standard output by default. A counter per piece of work and one line of text is all this needs,
 * so it is drawn here.
 *
 * <p>Only the prompt gets one ({@link Screen#progress}): scripts, single commands and output that
 * is not a terminal get {@link #silent()}, which draws nothing, so their output is the same byte
 * for byte as without progress.
 */
final class ProgressBars implements Progress, AutoCloseable {
  /** Work shorter than this shows nothing. */
  static final long DELAY = TimeUnit.SECONDS.toNanos(1);

  /** The line is redrawn at most this often. */
  static final long EVERY = TimeUnit.MILLISECONDS.toNanos(100);

  private static final int BAR = 20;

  /** One daemon thread for every prompt command's timer: a bar never keeps the process alive. */
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "syncline-progress");
            thread.setDaemon(true);
            return thread;
          });

  private record Active(Counter counter, long started) {}

  private final LongSupplier nanos;
  private final PrintWriter out;
  private final IntSupplier width;
  private final long started;
  private final List<Active> active = new CopyOnWriteArrayList<>();
  private ScheduledFuture<?> timer;
  private int drawn;
  private long lastDrawn;
  private boolean everDrawn;
  private boolean closed;

  /**
   * Draws on {@code out} when {@link #tick} is called; {@code nanos} is the clock ({@link
   * System#nanoTime} outside tests), {@code width} the terminal's columns.
   */
  ProgressBars(LongSupplier nanos, PrintWriter out, IntSupplier width) {
    this.nanos = nanos;
    this.out = out;
    this.width = width;
    this.started = nanos.getAsLong();
  }

  /** Draws on {@code out} every {@link #EVERY} from the shared timer thread until closed. */
  static ProgressBars drawing(PrintWriter out, IntSupplier width) {
    ProgressBars bars = new ProgressBars(System::nanoTime, out, width);
    bars.timer = TIMER.scheduleAtFixedRate(bars::tick, EVERY, EVERY, TimeUnit.NANOSECONDS);
    return bars;
  }

  /** Counts and draws nothing. */
  static ProgressBars silent() {
    return new ProgressBars(() -> 0L, null, () -> 0);
  }

  /** Whether this draws at all ({@link #silent()} does not). */
  boolean draws() {
    return out != null;
  }

  @Override
  public Counter start(String what, String unit, long total) {
    Counter counter = new Counter(what, unit, total);
    if (out != null) {
      active.removeIf(a -> a.counter().ended());
      active.add(new Active(counter, nanos.getAsLong()));
    }
    return counter;
  }

  /** Redraws the line when it is time to: after {@link #DELAY}, then every {@link #EVERY}. */
  synchronized void tick() {
    if (out == null || closed) {
      return;
    }
    long now = nanos.getAsLong();
    if (now - started < DELAY || (everDrawn && now - lastDrawn < EVERY)) {
      return;
    }
    int columns = width.getAsInt() <= 0 ? 80 : width.getAsInt();
    String line = Columns.cut(line(now), Math.max(20, columns) - 1);
    if (line.isEmpty() && drawn == 0) {
      return;
    }
    lastDrawn = now;
    everDrawn = true;
    draw(line);
  }

  /** The work is over: stops the timer and clears the line, if one was drawn. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (timer != null) {
      timer.cancel(false);
    }
    if (out != null && drawn > 0) {
      draw("");
    }
  }

  private void draw(String line) {
    int columns = Columns.of(line);
    out.print(
        "\r" + line + " ".repeat(Math.max(0, drawn - columns)) + (line.isEmpty() ? "\r" : ""));
    out.flush();
    drawn = columns;
  }

  /** Every piece of work still going, oldest first. */
  String line(long now) {
    List<String> parts = new ArrayList<>();
    for (Active a : active) {
      if (!a.counter().ended()) {
        parts.add(describe(a.counter(), now - a.started()));
      }
    }
    return String.join(" · ", parts);
  }

  /**
   * {@code writing table country [######### ] 45% 450,000/1,000,000 rows 120,000/s}; without a
   * total {@code reading countries.json 412,000 records 205,000/s}; without a unit (work that is
   * not counted) {@code comparing country 3 s}.
   */
  static String describe(Counter counter, long elapsed) {
    StringBuilder text = new StringBuilder(counter.what());
    long done = counter.done();
    long total = counter.total();
    double seconds = elapsed / 1e9;
    if (counter.unit() == null) {
      if (seconds >= 1) {
        text.append(String.format(Locale.ROOT, "  %d s", (long) seconds));
      }
      return text.toString();
    }
    if (total > 0) {
      long percent = Math.min(100, done * 100 / total);
      int filled = (int) Math.min(BAR, done * BAR / total);
      text.append("  [")
          .append("#".repeat(filled))
          .append(" ".repeat(BAR - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%3d%%", percent))
          .append(String.format(Locale.ROOT, "  %,d/%,d %s", done, total, counter.unit()));
    } else {
      text.append(String.format(Locale.ROOT, "  %,d %s", done, counter.unit()));
    }
    if (done > 0 && seconds >= 0.5) {
      text.append(String.format(Locale.ROOT, "  %,d/s", Math.round(done / seconds)));
    }
    return text.toString();
  }
}

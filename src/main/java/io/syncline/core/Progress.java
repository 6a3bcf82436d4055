package io.syncline.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where long work (load, apply, verify, export, copy) reports how far it got. The session starts
 * one {@link Counter} per piece of work and the loop doing it counts; whoever watches reads the
 * counters on its own schedule. At the prompt the shell draws them on the terminal; in scripts and
 * tests {@link #NONE} watches nothing.
 *
 * <p>The hot loops of a million-record load count through {@link Counter#add}, which is a plain
 * store: no allocation, no lock, no clock, no output. Drawing happens elsewhere, on a timer. Each
 * count is also where Ctrl-C stops the work ({@link Interruption#check}: one volatile read).
 *
 * <pre>
 *   Progress.Counter read = progress.start("reading countries.json", "records", -1);
 *   for (...) { ...; read.add(1); }
 *   read.end();
 * </pre>
 */
public interface Progress {
  /** Counts and shows nothing: scripts, single commands, tests. */
  Progress NONE = (what, unit, total) -> new Counter(what, unit, total);

  /**
   * A piece of work starts.
   *
   * @param what what is being done, e.g. {@code reading countries.json}
   * @param unit what is counted, plural, e.g. {@code records}
   * @param total how many there are in all; negative when not known beforehand
   */
  Counter start(String what, String unit, long total);

  /**
   * How far one piece of work got. Counted by one thread (the one doing the work), read by any: the
   * count is published with an opaque store, which costs what a plain store costs and is seen by a
   * reader soon after, never torn.
   *
   * <p>Not final only so that a test can stop work at a given count, as an interruption would.
   */
  class Counter {
    private final String what;
    private final String unit;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private volatile boolean ended;

    public Counter(String what, String unit, long total) {
      this.what = what;
      this.unit = unit;
      this.total = total;
    }

    /**
     * {@code n} more are done. Only the thread doing the work calls this. Throws {@link
     * Interruption.Stopped} when Ctrl-C was pressed during a command that may stop.
     */
    public void add(long n) {
      Interruption.check();
      done.setOpaque(done.getPlain() + n);
    }

    /** {@code n} are done in all; stops at Ctrl-C as {@link #add} does. */
    public void set(long n) {
      Interruption.check();
      done.setOpaque(n);
    }

    /** The work is over, well or not: it is no longer shown. */
    public void end() {
      ended = true;
    }

    public String what() {
      return what;
    }

    public String unit() {
      return unit;
    }

    /** Negative when not known. */
    public long total() {
      return total;
    }

    public long done() {
      return done.getOpaque();
    }

    public boolean ended() {
      return ended;
    }
  }
}

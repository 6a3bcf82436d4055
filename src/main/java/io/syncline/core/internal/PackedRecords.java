package io.syncline.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Record texts by key text, packed as bytes in large chunks: the storage behind {@link
 * io.syncline.core.Snapshot} and {@link io.syncline.core.Inserts}; nothing outside {@code core}
 * uses it.
 *
 * <p>Why not a map of strings: a re-sync holds three snapshots of every record (the files, the
 * table, the base), which as maps are small objects by the million that the collector copies and
 * traces again and again. Here each record is a few bytes in large chunks, stored as {@link String}
 * stores its characters: one byte each when all are below 256, two bytes each otherwise, so every
 * text comes back exactly as it went in. An index of entry numbers finds a key by its {@link
 * String#hashCode}, kept per entry. Texts are made into strings only when asked for; {@link
 * #sameText} and {@link #find(PackedRecords, int)} compare two stores in place.
 *
 * <p>Records are numbered entries, in the order they were added (a key removed and added again goes
 * to the end, as a new entry).
 *
 * <pre>
 *   entry e:  where[e] → chunk, offset     hashes[e] = key.hashCode()
 *   record:   [key chars: int, with the two-byte flag][text chars: int][key bytes][text bytes]
 * </pre>
 */
public final class PackedRecords {
  private static final int CHUNK = 1 << 22;
  private static final int WIDE = 1 << 31; // in a record's key length: two bytes per character
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long MIX = 0xC2B2AE3D27D4EB4FL;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private byte[][] chunks = new byte[1][];
  private int chunk = -1;
  private int used = CHUNK;

  private long[] where;
  private int[] hashes;
  private boolean[] removed;
  private int count;
  private int live;

  /**
   * By slot, the entry's key hash in the high half and its number + 1 in the low half; 0 is a free
   * slot. Its length is a power of two. The hash is kept here so that a probe past a slot of
   * another key touches nothing else.
   */
  private long[] index;

  public PackedRecords(int expected) {
    int entries = Math.max(16, expected);
    where = new long[entries];
    hashes = new int[entries];
    removed = new boolean[entries];
    index = new long[Integer.highestOneBit(Math.max(32, entries * 2 - 1)) << 1];
  }

  /** Adds a record; returns the text already held under that key (and changes nothing), or null. */
  public String put(String key, CharSequence canonical) {
    int slot = slotOf(key, key.hashCode());
    int entry = entryAt(slot);
    if (entry >= 0 && !removed[entry]) {
      return text(entry);
    }
    add(slot, key, key.hashCode(), canonical);
    return null;
  }

  /** Sets the record's text, replacing any held under that key. */
  public void set(String key, CharSequence canonical) {
    int slot = slotOf(key, key.hashCode());
    int entry = entryAt(slot);
    if (entry >= 0 && !removed[entry]) {
      where[entry] = write(key, canonical);
    } else {
      add(slot, key, key.hashCode(), canonical);
    }
  }

  public void remove(String key) {
    int entry = entryAt(slotOf(key, key.hashCode()));
    if (entry >= 0 && !removed[entry]) {
      removed[entry] = true;
      live--;
    }
  }

  public void clear() {
    chunks = new byte[1][];
    chunk = -1;
    used = CHUNK;
    count = 0;
    live = 0;
    Arrays.fill(removed, false);
    Arrays.fill(index, 0);
  }

  public String get(String key) {
    int entry = entryOf(key);
    return entry < 0 ? null : text(entry);
  }

  public boolean has(String key) {
    return entryOf(key) >= 0;
  }

  /** The entry holding {@code key}, or -1. */
  public int find(String key) {
    return entryOf(key);
  }

  public int size() {
    return live;
  }

  // ---- entries ----

  /** The first entry held from {@code from} on, in the order added, or -1. */
  public int first(int from) {
    for (int e = from; e < count; e++) {
      if (!removed[e]) {
        return e;
      }
    }
    return -1;
  }

  /** The entry holding {@code other}'s key of entry {@code entry}, or -1. */
  public int find(PackedRecords other, int entry) {
    int found = entryAt(slotOf(other, entry));
    return found >= 0 && !removed[found] ? found : -1;
  }

  /**
   * {@link #find(PackedRecords, int)}, trying entry {@code guess} first: sides listing their
   * records in one order (a file and the table it was loaded into) find each record right after the
   * last, without a look into the index.
   */
  public int find(PackedRecords other, int entry, int guess) {
    if (guess >= 0
        && guess < count
        && !removed[guess]
        && hashes[guess] == other.hashes[entry]
        && sameKey(guess, other, entry)) {
      return guess;
    }
    return find(other, entry);
  }

  /**
   * Whether entry {@code entry} here and {@code otherEntry} of {@code other}, entries of one key
   * (see {@link #find(PackedRecords, int)}), hold one text. A record is stored wide when its key or
   * its text needs it; with one key, a record wide and the other not have different texts.
   */
  public boolean sameText(int entry, PackedRecords other, int otherEntry) {
    byte[] a = chunkOf(entry);
    byte[] b = other.chunkOf(otherEntry);
    int ao = offsetOf(entry);
    int bo = other.offsetOf(otherEntry);
    int aHeader = getInt(a, ao);
    int bHeader = getInt(b, bo);
    if (width(aHeader) != width(bHeader) || getInt(a, ao + 4) != getInt(b, bo + 4)) {
      return false; // one record narrow, the other wide: never the same characters
    }
    int width = width(aHeader);
    int aText = ao + 8 + keyChars(aHeader) * width;
    int bText = bo + 8 + keyChars(bHeader) * width;
    int length = getInt(a, ao + 4) * width;
    return Arrays.equals(a, aText, aText + length, b, bText, bText + length);
  }

  public String key(int entry) {
    byte[] c = chunkOf(entry);
    int o = offsetOf(entry);
    int header = getInt(c, o);
    return decode(c, o + 8, keyChars(header), width(header) == 2);
  }

  public String text(int entry) {
    byte[] c = chunkOf(entry);
    int o = offsetOf(entry);
    int header = getInt(c, o);
    int start = o + 8 + keyChars(header) * width(header);
    return decode(c, start, getInt(c, o + 4), width(header) == 2);
  }

  /**
   * Adds every record of {@code other} in its order, taking its chunks of bytes as they are instead
   * of copying them (a file read in two halves joins them so); the first key already held here, or
   * null. On a key held twice the records before it are added, the rest are not. {@code other} must
   * not be used afterwards: its bytes are these records' now.
   */
  public String absorb(PackedRecords other) {
    int base = chunk + 1; // the number given here to other's first chunk
    int adopted = other.chunk + 1;
    if (adopted > 0) {
      if (base + adopted > chunks.length) {
        chunks = Arrays.copyOf(chunks, Integer.highestOneBit(base + adopted) << 1);
      }
      System.arraycopy(other.chunks, 0, chunks, base, adopted);
      chunk = base + adopted - 1;
      used = other.used; // new records go after other's, never over them
    }
    for (int e = other.first(0); e >= 0; e = other.first(e + 1)) {
      int slot = slotOf(other, e);
      int entry = entryAt(slot);
      if (entry >= 0 && !removed[entry]) {
        return other.key(e);
      }
      long at = other.where[e];
      append(slot, other.hashes[e], ((long) ((int) (at >>> 32) + base) << 32) | (at & 0xffffffffL));
    }
    return null;
  }

  /**
   * A store of {@code entries[0, count)} of {@code from}, entries of distinct keys, in that order:
   * entry {@code i} of the result is {@code entries[i]}. Bytes are copied as they are.
   */
  public static PackedRecords of(PackedRecords from, int[] entries, int count) {
    PackedRecords only = new PackedRecords(count);
    for (int i = 0; i < count; i++) {
      only.copy(only.slotOf(from, entries[i]), from, entries[i]);
    }
    return only;
  }

  /**
   * The records of {@code from} under {@code keys}, in that order, sharing its bytes instead of
   * copying them; null unless {@code keys} are exactly the keys {@code from} holds, each once. Each
   * store goes on writing where the other does not read: the result's next record starts a chunk of
   * its own, and {@code from} writes only after what it held.
   */
  public static PackedRecords sharing(PackedRecords from, List<String> keys) {
    if (keys.size() != from.live) {
      return null;
    }
    PackedRecords shared = new PackedRecords(keys.size());
    shared.chunks = from.chunks.clone();
    shared.chunk = from.chunk;
    shared.used = shared.chunkSize(shared.chunk); // full: a record written here takes a new chunk
    for (String key : keys) {
      int e = from.entryOf(key);
      int hash = key.hashCode();
      int slot = shared.slotOf(key, hash);
      if (e < 0 || shared.entryAt(slot) >= 0) {
        return null; // not held there, or listed twice
      }
      shared.append(slot, hash, from.where[e]);
    }
    return shared;
  }

  /**
   * A 64-bit fingerprint of the records held, whatever their order: the sum of a hash of each
   * record's bytes (its key and text). Equal records give equal fingerprints; a record changed,
   * added or removed changes it but for a chance of one in 2^64. A check against accident, not
   * against someone who crafts records to collide.
   */
  public long fingerprint() {
    long sum = 0;
    for (int e = first(0); e >= 0; e = first(e + 1)) {
      byte[] c = chunkOf(e);
      int o = offsetOf(e);
      int header = getInt(c, o);
      sum += hash(c, o, 8 + (keyChars(header) + getInt(c, o + 4)) * width(header));
    }
    return sum;
  }

  private static long hash(byte[] c, int from, int length) {
    long h = GOLDEN ^ length;
    int at = from;
    int end = from + length;
    for (; at + 8 <= end; at += 8) {
      h = Long.rotateLeft(h ^ ((long) LONGS.get(c, at) * MIX), 31) * GOLDEN;
    }
    long tail = 0;
    for (int shift = 0; at < end; at++, shift += 8) {
      tail |= (c[at] & 0xffL) << shift;
    }
    h = Long.rotateLeft(h ^ (tail * MIX), 31) * GOLDEN;
    h ^= h >>> 33; // the finish of MurmurHash3's 64-bit hash, so that every bit counts
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private void copy(int slot, PackedRecords other, int e) {
    byte[] c = other.chunkOf(e);
    int o = other.offsetOf(e);
    int header = getInt(c, o);
    int length = 8 + (keyChars(header) + getInt(c, o + 4)) * width(header);
    long at = reserve(length);
    System.arraycopy(c, o, chunks[(int) (at >>> 32)], (int) at, length);
    append(slot, other.hashes[e], at);
  }

  // ---- the index ----

  private int entryOf(String key) {
    int entry = entryAt(slotOf(key, key.hashCode()));
    return entry >= 0 && !removed[entry] ? entry : -1;
  }

  /** The entry at the slot, or -1 for a free slot. */
  private int entryAt(int slot) {
    return (int) index[slot] - 1;
  }

  /** The slot holding the newest entry of {@code key}, or the free slot where it would go. */
  private int slotOf(String key, int hash) {
    int mask = index.length - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      long held = index[slot];
      if (held == 0 || ((int) (held >>> 32) == hash && keyIs((int) held - 1, key))) {
        return slot;
      }
    }
  }

  /** {@link #slotOf(String, int)} for another store's entry, comparing the key's bytes. */
  private int slotOf(PackedRecords other, int otherEntry) {
    int hash = other.hashes[otherEntry];
    int mask = index.length - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      long held = index[slot];
      if (held == 0
          || ((int) (held >>> 32) == hash && sameKey((int) held - 1, other, otherEntry))) {
        return slot;
      }
    }
  }

  private static int spread(int hash) {
    return (hash ^ (hash >>> 16)) * 0x9e3779b9;
  }

  private void add(int slot, String key, int hash, CharSequence text) {
    append(slot, hash, write(key, text));
  }

  private void append(int slot, int hash, long at) {
    if (count == where.length) {
      int grown = where.length * 2;
      where = Arrays.copyOf(where, grown);
      hashes = Arrays.copyOf(hashes, grown);
      removed = Arrays.copyOf(removed, grown);
    }
    where[count] = at;
    hashes[count] = hash;
    removed[count] = false;
    index[slot] = slotValue(hash, count);
    count++;
    live++;
    if (count * 2 > index.length) {
      rehash();
    }
  }

  /** A larger index; a key added again after a removal keeps only its newest entry there. */
  private void rehash() {
    index = new long[index.length * 2];
    int mask = index.length - 1;
    for (int e = 0; e < count; e++) {
      if (removed[e]) {
        continue;
      }
      int slot = spread(hashes[e]) & mask;
      while (index[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      index[slot] = slotValue(hashes[e], e);
    }
  }

  private static long slotValue(int hash, int entry) {
    return ((long) hash << 32) | ((entry + 1) & 0xffffffffL);
  }

  // ---- the records' bytes ----

  private boolean keyIs(int entry, String key) {
    byte[] c = chunkOf(entry);
    int o = offsetOf(entry);
    int header = getInt(c, o);
    if (keyChars(header) != key.length()) {
      return false;
    }
    int at = o + 8;
    if (width(header) == 1) {
      for (int i = 0; i < key.length(); i++) {
        if ((c[at + i] & 0xff) != key.charAt(i)) {
          return false;
        }
      }
    } else {
      for (int i = 0; i < key.length(); i++) {
        if ((char) (((c[at + 2 * i] & 0xff) << 8) | (c[at + 2 * i + 1] & 0xff)) != key.charAt(i)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean sameKey(int entry, PackedRecords other, int otherEntry) {
    byte[] a = chunkOf(entry);
    byte[] b = other.chunkOf(otherEntry);
    int ao = offsetOf(entry);
    int bo = other.offsetOf(otherEntry);
    int header = getInt(a, ao);
    int otherHeader = getInt(b, bo);
    if (keyChars(header) != keyChars(otherHeader)) {
      return false;
    }
    if (header == otherHeader) {
      int length = keyChars(header) * width(header);
      return Arrays.equals(a, ao + 8, ao + 8 + length, b, bo + 8, bo + 8 + length);
    }
    // One record is wide for its text's sake, the other not: the same key in two widths.
    return key(entry).equals(other.key(otherEntry));
  }

  /** Writes the record, one byte a character when all fit, two otherwise; where it is. */
  @SuppressWarnings(
      "deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char
  private long write(String key, CharSequence canonical) {
    String text = canonical.toString();
    int length = 8 + key.length() + text.length();
    long at = reserve(length);
    byte[] c = chunks[(int) (at >>> 32)];
    int o = (int) at;
    // The low byte of each character, copied as String copies its own one-byte characters; the
    // copy is the text exactly when it reads back the same (a string holding a character above 255
    // never equals one made of bytes).
    key.getBytes(0, key.length(), c, o + 8);
    text.getBytes(0, text.length(), c, o + 8 + key.length());
    if (key.equals(new String(c, o + 8, key.length(), StandardCharsets.ISO_8859_1))
        && text.equals(
            new String(c, o + 8 + key.length(), text.length(), StandardCharsets.ISO_8859_1))) {
      putInt(c, o, key.length());
      putInt(c, o + 4, text.length());
      return at;
    }
    used -= length; // give the room back; the record is written two bytes a character
    return writeWide(key, text);
  }

  private long writeWide(String key, String text) {
    int length = 8 + (key.length() + text.length()) * 2;
    long at = reserve(length);
    byte[] c = chunks[(int) (at >>> 32)];
    int o = (int) at;
    putInt(c, o, key.length() | WIDE);
    putInt(c, o + 4, text.length());
    int next = wide(c, o + 8, key);
    wide(c, next, text);
    return at;
  }

  private static int wide(byte[] c, int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      c[at++] = (byte) (ch >>> 8);
      c[at++] = (byte) ch;
    }
    return at;
  }

  private static String decode(byte[] c, int at, int chars, boolean wide) {
    if (!wide) {
      return new String(c, at, chars, StandardCharsets.ISO_8859_1);
    }
    char[] out = new char[chars];
    for (int i = 0; i < chars; i++) {
      out[i] = (char) (((c[at + 2 * i] & 0xff) << 8) | (c[at + 2 * i + 1] & 0xff));
    }
    return new String(out);
  }

  /** Room for {@code length} bytes, in the current chunk or a new one; where it is. */
  private long reserve(int length) {
    if (used + length > chunkSize(chunk)) {
      chunk++;
      if (chunk == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      chunks[chunk] = new byte[Math.max(CHUNK, length)];
      used = 0;
    }
    long at = ((long) chunk << 32) | used;
    used += length;
    return at;
  }

  private int chunkSize(int c) {
    return c < 0 ? 0 : chunks[c].length;
  }

  private byte[] chunkOf(int entry) {
    return chunks[(int) (where[entry] >>> 32)];
  }

  private int offsetOf(int entry) {
    return (int) where[entry];
  }

  /** A record header's key length in characters, without the two-byte flag. */
  private static int keyChars(int header) {
    return header & ~WIDE;
  }

  /** Bytes per character of the record with this header: 1, or 2 when it is stored wide. */
  private static int width(int header) {
    return (header & WIDE) != 0 ? 2 : 1;
  }

  private static int getInt(byte[] c, int at) {
    return (c[at] & 0xff) << 24
        | (c[at + 1] & 0xff) << 16
        | (c[at + 2] & 0xff) << 8
        | (c[at + 3] & 0xff);
  }

  private static void putInt(byte[] c, int at, int value) {
    c[at] = (byte) (value >>> 24);
    c[at + 1] = (byte) (value >>> 16);
    c[at + 2] = (byte) (value >>> 8);
    c[at + 3] = (byte) value;
  }
}

package io.syncline.formats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replacements of char ranges in one text, applied in one forward pass: the edits sorted by where
 * they start, the unchanged runs between them and their replacements copied once into a builder of
 * the result's size. Splicing each edit into the whole text instead moves the rest of the file
 * every time: the cost would grow with the number of edits times the size of the file.
 *
 * <p>Two insertions at the same offset appear in the order they were added; an insertion at the
 * start or end of a replaced range goes before or after the replacement. For example, on {@code
 * "abcdef"}:
 *
 * <pre>
 *   insert(2, "X"), insert(2, "Y")           abXYcdef
 *   replace(1, 3, "-"), insert(1, "<")       a<-def
 *   replace(1, 3, "-"), insert(3, ">")       a->def
 *   replace(1, 3, "-"), replace(2, 4, "+")   IllegalStateException (both touch "c")
 * </pre>
 */
final class TextEdits {
  private record Edit(int start, int end, String text, int order) {}

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final Comparator<Edit> BY_POSITION =
      Comparator.comparingInt(Edit::start)
          .thenComparingInt(Edit::end)
          .thenComparingInt(Edit::order);

  private final List<Edit> edits = new ArrayList<>();

  void replace(int start, int end, String text) {
    if (start > end) {
      throw new IllegalArgumentException("range " + start + ".." + end);
    }
    edits.add(new Edit(start, end, text, edits.size()));
  }

  void insert(int at, String text) {
    replace(at, at, text);
  }

  void remove(int start, int end) {
    replace(start, end, "");
  }

  boolean isEmpty() {
    return edits.isEmpty();
  }

  String applyTo(String text) {
    if (edits.isEmpty()) {
      return text;
    }
    List<Edit> ordered = new ArrayList<>(edits);
    ordered.sort(BY_POSITION);
    long size = text.length();
    Edit previous = null;
    for (Edit edit : ordered) {
      if (previous != null && previous.end() > edit.start()) {
        throw overlapping(previous);
      }
      size += edit.text().length() - (edit.end() - edit.start());
      previous = edit;
    }
    if (previous.end() > text.length()) {
      throw overlapping(previous); // past the end of the text
    }
    StringBuilder out = new StringBuilder((int) Math.min(size, Integer.MAX_VALUE - 8));
    int copied = 0; // the text before this offset is in the result or was replaced
    for (Edit edit : ordered) {
      out.append(text, copied, edit.start()).append(edit.text());
      copied = edit.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * {@code bytes} with the edits applied to {@code text}, the UTF-8 it holds from {@code from} on:
   * the same bytes as {@code bytes[0..from)} followed by {@code applyTo(text)} in UTF-8, made
   * without that String or its encoding. The unchanged runs stay runs of {@code bytes} (see {@link
   * SplicedBytes}); only the replacements are encoded. A 250 MB file then needs no new array, nor a
   * builder, its String and their encoding. {@code bytes} must be valid UTF-8 ({@code load} refuses
   * a file that is not).
   *
   * <p>For example, on {@code "é-x"} held as bytes {@code C3 A9 2D 78}, {@code replace(2, 3, "ü")}
   * gives {@code C3 A9 2D C3 BC}: char offset 2 is byte offset 3.
   */
  SplicedBytes applyToUtf8(String text, byte[] bytes, int from) {
    if (edits.isEmpty()) {
      return SplicedBytes.of(bytes);
    }
    List<Edit> ordered = new ArrayList<>(edits);
    ordered.sort(BY_POSITION);
    Edit previous = null;
    for (Edit edit : ordered) {
      if (previous != null && previous.end() > edit.start()) {
        throw overlapping(previous);
      }
      previous = edit;
    }
    if (previous.end() > text.length()) {
      throw overlapping(previous); // past the end of the text
    }
    for (Edit edit : ordered) {
      if (splitsPair(text, edit)) {
        // A surrogate pair cut by an edit, or one an edit's text would complete: the whole
        // String's encoding decides what such a pair becomes.
        byte[] whole = applyTo(text).getBytes(StandardCharsets.UTF_8);
        return new SplicedBytes(
            bytes, new int[] {from}, new int[] {bytes.length}, new byte[][] {whole});
      }
    }
    // Byte offsets of each edit's start and end; every char is one byte when the text is ASCII.
    boolean ascii = bytes.length - from == text.length();
    int[] starts = new int[ordered.size()];
    int[] ends = new int[ordered.size()];
    byte[][] replacements = new byte[ordered.size()][];
    int at = 0; // a char offset of text
    long atByte = from; // where that char starts in bytes
    for (int i = 0; i < ordered.size(); i++) {
      Edit edit = ordered.get(i);
      atByte = ascii ? atByte + edit.start() - at : skipChars(bytes, atByte, edit.start() - at);
      starts[i] = (int) atByte;
      int length = edit.end() - edit.start();
      atByte = ascii ? atByte + length : skipChars(bytes, atByte, length);
      ends[i] = (int) atByte;
      at = edit.end();
      replacements[i] = edit.text().getBytes(StandardCharsets.UTF_8);
    }
    return new SplicedBytes(bytes, starts, ends, replacements);
  }

  /**
   * {@code bytes} with the edits applied, their offsets byte offsets: for a text all ASCII, held as
   * its bytes or some of them ({@link FileExcerpts}), where each char is one byte.
   */
  SplicedBytes applyToAscii(SplicedBytes.Origin bytes) {
    List<Edit> ordered = new ArrayList<>(edits);
    ordered.sort(BY_POSITION);
    int[] starts = new int[ordered.size()];
    int[] ends = new int[ordered.size()];
    byte[][] replacements = new byte[ordered.size()][];
    Edit previous = null;
    for (int i = 0; i < ordered.size(); i++) {
      Edit edit = ordered.get(i);
      if (previous != null && previous.end() > edit.start()) {
        throw overlapping(previous);
      }
      starts[i] = edit.start();
      ends[i] = edit.end();
      replacements[i] = edit.text().getBytes(StandardCharsets.UTF_8);
      previous = edit;
    }
    if (previous != null && previous.end() > bytes.size()) {
      throw overlapping(previous); // past the end of the text
    }
    return new SplicedBytes(bytes, starts, ends, replacements);
  }

  /** Whether an edit's start or end has a surrogate on either side, in the text or its own. */
  private static boolean splitsPair(String text, Edit edit) {
    String replacement = edit.text();
    return (edit.start() > 0 && Character.isSurrogate(text.charAt(edit.start() - 1)))
        || (edit.end() < text.length() && Character.isSurrogate(text.charAt(edit.end())))
        || (edit.start() < edit.end() && Character.isSurrogate(text.charAt(edit.start())))
        || (edit.start() < edit.end() && Character.isSurrogate(text.charAt(edit.end() - 1)))
        || (!replacement.isEmpty()
            && (Character.isSurrogate(replacement.charAt(0))
                || Character.isSurrogate(replacement.charAt(replacement.length() - 1))));
  }

  /**
   * The byte offset {@code chars} chars of the UTF-8 in {@code bytes} after byte offset {@code at}:
   * counted on the bytes, eight at a time where they are ASCII, not char by char on the text (a
   * String of text beyond Latin-1 is read two bytes per char, each access checked). A four-byte
   * sequence is two chars, a surrogate pair; no edit starts or ends inside one (see {@link
   * #splitsPair}).
   */
  private static long skipChars(byte[] bytes, long at, int chars) {
    int i = (int) at;
    int left = chars;
    while (left > 0) {
      if (left >= Long.BYTES
          && i + Long.BYTES <= bytes.length
          && ((long) LONGS.get(bytes, i) & 0x8080808080808080L) == 0) {
        i += Long.BYTES;
        left -= Long.BYTES;
        continue;
      }
      int lead = bytes[i] & 0xFF;
      int size = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      i += size;
      left -= size == 4 ? 2 : 1;
    }
    return i;
  }

  /** Two edits touching the same characters: a bug in the caller, never a user error. */
  private static IllegalStateException overlapping(Edit edit) {
    return new IllegalStateException("overlapping edits at " + edit.start() + ".." + edit.end());
  }
}

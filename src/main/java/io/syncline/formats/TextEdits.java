package io.syncline.formats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replacements of char ranges in one text, applied from the end backwards so that earlier offsets
 * stay valid. Two insertions at the same offset appear in the order they were added.
 */
final class TextEdits {
  private record Edit(int start, int end, String text, int order) {}

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
    ordered.sort(
        Comparator.comparingInt(Edit::start)
            .thenComparingInt(Edit::end)
            .thenComparingInt(Edit::order)
            .reversed());
    StringBuilder out = new StringBuilder(text);
    int limit = text.length();
    for (Edit edit : ordered) {
      if (edit.end() > limit) {
        // Two edits touching the same characters: a bug in the caller, never a user error.
        throw new IllegalStateException("overlapping edits at " + edit.start() + ".." + edit.end());
      }
      out.replace(edit.start(), edit.end(), edit.text());
      limit = edit.start();
    }
    return out.toString();
  }
}

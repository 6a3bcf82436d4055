package io.syncline.core;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration from the words people write, in English or Portuguese.
 *
 * <p>The text is folded first (lower case, accents dropped: "Mês" reads as "mes", "úteis" as
 * "uteis") and cut into tokens: numbers with a decimal point or comma, words, and single signs. A
 * quantity is an amount followed by a unit; every quantity in the text is found, wherever it
 * stands, and the quantities are added when only "and", "e", "plus", "mais", "+", "&" or a comma
 * stands between them:
 *
 * <pre>
 *   "1.5 semanas"                          1.5 weeks
 *   "2,5 meses"                            2.5 months
 *   "about 2 weeks to complete"            2 weeks
 *   "1 semana e 2 dias"                    1 week + 2 days
 *   "uma semana e meia"                    1.5 weeks ("e meia", "and a half" add half a unit)
 *   "10 dias úteis"                        10 working days, whatever the entity's day count
 *   "2 to 3 weeks", "2 ou 3 semanas"       refused: a range
 *   "2 weeks or 3 weeks"                   refused: two durations not joined by "and"
 *   "soon", "asap", "2"                    refused: no unit, no duration
 * </pre>
 *
 * <p>An amount is a number or a word for one up to ten ("a", "an", "uma", "dois", "three"), or
 * "half", "meia", "meio" for a half. Units, singular or plural: day/dia, week/semana,
 * month/mes/meses, and two that name their own count: business, working or work days and dias úteis
 * count working days; calendar days and dias corridos count every day.
 */
final class DurationText {
  /** Beyond this a text is taken for a typo rather than a plan: a century of days. */
  private static final BigDecimal LONGEST = BigDecimal.valueOf(36_500);

  private static final Pattern TOKEN = Pattern.compile("\\d+(?:[.,]\\d+)?|\\p{L}+|[^\\s\\p{L}\\d]");
  private static final Pattern COMBINING_MARK = Pattern.compile("\\p{M}+");
  private static final BigDecimal HALF = new BigDecimal("0.5");

  private static final Map<String, Unit> ONE_WORD_UNITS =
      Map.ofEntries(
          Map.entry("day", Unit.DAY),
          Map.entry("days", Unit.DAY),
          Map.entry("dia", Unit.DAY),
          Map.entry("dias", Unit.DAY),
          Map.entry("week", Unit.WEEK),
          Map.entry("weeks", Unit.WEEK),
          Map.entry("semana", Unit.WEEK),
          Map.entry("semanas", Unit.WEEK),
          Map.entry("month", Unit.MONTH),
          Map.entry("months", Unit.MONTH),
          Map.entry("mes", Unit.MONTH),
          Map.entry("meses", Unit.MONTH),
          Map.entry("workday", Unit.WORKING_DAY),
          Map.entry("workdays", Unit.WORKING_DAY));

  /** Units of two words, looked for before those of one ("dias úteis" before "dias"). */
  private static final Map<String, Unit> TWO_WORD_UNITS =
      Map.ofEntries(
          Map.entry("business day", Unit.WORKING_DAY),
          Map.entry("business days", Unit.WORKING_DAY),
          Map.entry("working day", Unit.WORKING_DAY),
          Map.entry("working days", Unit.WORKING_DAY),
          Map.entry("work day", Unit.WORKING_DAY),
          Map.entry("work days", Unit.WORKING_DAY),
          Map.entry("dia util", Unit.WORKING_DAY),
          Map.entry("dias uteis", Unit.WORKING_DAY),
          Map.entry("calendar day", Unit.CALENDAR_DAY),
          Map.entry("calendar days", Unit.CALENDAR_DAY),
          Map.entry("dia corrido", Unit.CALENDAR_DAY),
          Map.entry("dias corridos", Unit.CALENDAR_DAY));

  private static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("um", 1),
          Map.entry("uma", 1),
          Map.entry("two", 2),
          Map.entry("dois", 2),
          Map.entry("duas", 2),
          Map.entry("three", 3),
          Map.entry("tres", 3),
          Map.entry("four", 4),
          Map.entry("quatro", 4),
          Map.entry("five", 5),
          Map.entry("cinco", 5),
          Map.entry("six", 6),
          Map.entry("seis", 6),
          Map.entry("seven", 7),
          Map.entry("sete", 7),
          Map.entry("eight", 8),
          Map.entry("oito", 8),
          Map.entry("nine", 9),
          Map.entry("nove", 9),
          Map.entry("ten", 10),
          Map.entry("dez", 10));

  private static final Set<String> HALF_WORDS = Set.of("half", "meia", "meio");

  /** What may stand between two quantities that are to be added. */
  private static final Set<String> JOINERS = Set.of("and", "e", "plus", "mais", ",", "+", "&");

  /** What between a bare number and a quantity makes a range: "2 to 3 weeks", "2-3 semanas". */
  private static final Set<String> RANGE_WORDS =
      Set.of("-", "–", "—", "/", "to", "a", "or", "ou", "and", "e", "ate");

  private DurationText() {}

  static WorkDuration read(String text, DayCount count) {
    List<String> tokens = tokens(text);
    List<Quantity> quantities = new ArrayList<>();
    for (int i = 0; i < tokens.size(); ) {
      Quantity quantity = quantityAt(tokens, i);
      if (quantity == null) {
        i++;
      } else {
        quantities.add(quantity);
        i = quantity.end();
      }
    }
    if (quantities.isEmpty()) {
      throw new UnreadableDuration(text, null);
    }
    checkOneDuration(text, tokens, quantities);
    return total(text, quantities, count);
  }

  private static List<String> tokens(String text) {
    String folded =
        COMBINING_MARK
            .matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(folded);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  /**
   * The quantity starting at token {@code i}: an amount, maybe "and a half", a unit, maybe again.
   */
  private static Quantity quantityAt(List<String> tokens, int i) {
    BigDecimal amount = amount(tokens.get(i));
    if (amount == null) {
      return null;
    }
    int at = i + 1;
    if (HALF_WORDS.contains(tokens.get(i)) && isAnyOf(tokens, at, "a", "an")) {
      at++; // "half a week"
    }
    int half = halfAt(tokens, at);
    if (half > 0 && unitLength(tokens, at + half) > 0) {
      amount = amount.add(HALF); // "1 and a half weeks"
      at += half;
    }
    int unitLength = unitLength(tokens, at);
    if (unitLength == 0) {
      return null;
    }
    Unit unit = unitAt(tokens, at, unitLength);
    at += unitLength;
    half = halfAt(tokens, at);
    if (half > 0 && unitLength(tokens, at + half) == 0) {
      amount = amount.add(HALF); // "uma semana e meia"; not "1 semana e meia dia"
      at += half;
    }
    return new Quantity(i, at, amount, unit);
  }

  private static BigDecimal amount(String token) {
    if (Character.isDigit(token.charAt(0))) {
      return new BigDecimal(token.replace(',', '.'));
    }
    if (HALF_WORDS.contains(token)) {
      return HALF;
    }
    Integer word = NUMBER_WORDS.get(token);
    return word == null ? null : BigDecimal.valueOf(word);
  }

  /** How many tokens at {@code at} say "and a half" ("and a half", "e meia", "e meio"); 0: none. */
  private static int halfAt(List<String> tokens, int at) {
    if (isAnyOf(tokens, at, "and")
        && isAnyOf(tokens, at + 1, "a")
        && isAnyOf(tokens, at + 2, "half")) {
      return 3;
    }
    return isAnyOf(tokens, at, "e") && isAnyOf(tokens, at + 1, "meia", "meio") ? 2 : 0;
  }

  private static int unitLength(List<String> tokens, int at) {
    if (at + 1 < tokens.size()
        && TWO_WORD_UNITS.containsKey(tokens.get(at) + " " + tokens.get(at + 1))) {
      return 2;
    }
    return at < tokens.size() && ONE_WORD_UNITS.containsKey(tokens.get(at)) ? 1 : 0;
  }

  private static Unit unitAt(List<String> tokens, int at, int length) {
    return length == 2
        ? TWO_WORD_UNITS.get(tokens.get(at) + " " + tokens.get(at + 1))
        : ONE_WORD_UNITS.get(tokens.get(at));
  }

  private static boolean isAnyOf(List<String> tokens, int at, String... words) {
    return at < tokens.size() && List.of(words).contains(tokens.get(at));
  }

  /**
   * Refuses a text that names a range ("2 to 3 weeks") or several durations not meant as a sum ("2
   * weeks or 3 weeks", "2 weeks (10 days)"): any one reading would be a guess.
   */
  private static void checkOneDuration(String text, List<String> tokens, List<Quantity> found) {
    for (int q = 0; q < found.size(); q++) {
      int start = found.get(q).start();
      boolean afterQuantity = q > 0 && found.get(q - 1).end() >= start - 1;
      if (start >= 2
          && !afterQuantity
          && RANGE_WORDS.contains(tokens.get(start - 1))
          && amount(tokens.get(start - 2)) != null) {
        throw new UnreadableDuration(text, "a range, not one duration; give one");
      }
      if (q > 0 && !JOINERS.containsAll(tokens.subList(found.get(q - 1).end(), start))) {
        throw new UnreadableDuration(
            text, "more than one duration; join them with \"and\" to add them, or keep one");
      }
    }
  }

  private static WorkDuration total(String text, List<Quantity> quantities, DayCount entity) {
    Set<DayCount> counts = EnumSet.noneOf(DayCount.class);
    BigDecimal days = BigDecimal.ZERO;
    for (Quantity quantity : quantities) {
      DayCount count = quantity.unit().count == null ? entity : quantity.unit().count;
      counts.add(count);
      days = days.add(quantity.amount().multiply(BigDecimal.valueOf(quantity.unit().days(count))));
    }
    if (counts.size() > 1) {
      throw new UnreadableDuration(
          text, "it mixes working days with calendar days; count them one way");
    }
    if (days.compareTo(LONGEST) > 0) {
      throw new UnreadableDuration(text, "longer than a century");
    }
    return new WorkDuration(days, counts.iterator().next());
  }

  /** Tokens {@code start} (inclusive) to {@code end} (exclusive) hold {@code amount unit}. */
  private record Quantity(int start, int end, BigDecimal amount, Unit unit) {}

  private enum Unit {
    DAY(1, 1, null),
    WEEK(7, 5, null),
    MONTH(30, 20, null),
    WORKING_DAY(1, 1, DayCount.BUSINESS),
    CALENDAR_DAY(1, 1, DayCount.CALENDAR);

    private final int calendarDays;
    private final int workingDays;

    /** The count this unit imposes whatever the entity's; null: the entity's. */
    private final DayCount count;

    Unit(int calendarDays, int workingDays, DayCount count) {
      this.calendarDays = calendarDays;
      this.workingDays = workingDays;
      this.count = count;
    }

    int days(DayCount in) {
      return in == DayCount.CALENDAR ? calendarDays : workingDays;
    }
  }
}

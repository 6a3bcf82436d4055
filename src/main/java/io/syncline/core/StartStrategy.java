package io.syncline.core;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;

/**
 * Where a plan starts, relative to the day it is made (the as-of date: today, or {@code --as-of}).
 * Written in the mapping as {@code immediate}, {@code next_monday}, {@code next_workday} or a date
 * {@code YYYY-MM-DD}.
 */
public sealed interface StartStrategy {
  /** The day the plan starts, made on {@code asOf}; before any move off a non-working day. */
  LocalDate from(LocalDate asOf, WorkingDays workingDays);

  /** The name as the mapping writes it. */
  String spelling();

  /**
   * The strategy written as {@code text}.
   *
   * @throws IllegalArgumentException naming the accepted spellings, for the caller to place
   */
  static StartStrategy parse(String text) {
    return switch (text) {
      case "immediate" -> new Immediate();
      case "next_monday" -> new NextMonday();
      case "next_workday" -> new NextWorkday();
      default -> new On(date(text));
    };
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected immediate, next_monday, next_workday or a date YYYY-MM-DD, found \""
              + text
              + "\"",
          e);
    }
  }

  /** The as-of day itself. */
  record Immediate() implements StartStrategy {
    @Override
    public LocalDate from(LocalDate asOf, WorkingDays workingDays) {
      return asOf;
    }

    @Override
    public String spelling() {
      return "immediate";
    }
  }

  /** The first Monday after the as-of day: a Monday gives the Monday a week later. */
  record NextMonday() implements StartStrategy {
    @Override
    public LocalDate from(LocalDate asOf, WorkingDays workingDays) {
      return asOf.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    @Override
    public String spelling() {
      return "next_monday";
    }
  }

  /** The first working day after the as-of day, in either day count. */
  record NextWorkday() implements StartStrategy {
    @Override
    public LocalDate from(LocalDate asOf, WorkingDays workingDays) {
      return workingDays.after(asOf);
    }

    @Override
    public String spelling() {
      return "next_workday";
    }
  }

  /** A fixed day, whatever the as-of day. */
  record On(LocalDate date) implements StartStrategy {
    @Override
    public LocalDate from(LocalDate asOf, WorkingDays workingDays) {
      return date;
    }

    @Override
    public String spelling() {
      return date.toString();
    }
  }
}

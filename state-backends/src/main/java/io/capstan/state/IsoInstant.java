package io.capstan.state;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s text ({@code DateTimeFormatter.ISO_INSTANT}: seconds always, the
 * fraction in groups of three digits as needed, then {@code Z}) computed by hand for the years
 * 0000 to 9999, and by {@code toString} outside them.
 *
 * <p>A cold JVM's first {@code ISO_INSTANT} use builds java.time's formatters (43 classes, their
 * static tables): every plan and apply writes a lock (its {@code Created}) and a plan's JSON its
 * {@code timestamp}, and nothing else in such a run needs the formatter. {@code IsoInstantTest}
 * compares the two texts.
 */
public final class IsoInstant {
  private IsoInstant() {}

  public static String format(Instant t) {
    long sec = t.getEpochSecond();
    int nano = t.getNano();
    long days = Math.floorDiv(sec, 86_400L);
    int secOfDay = (int) Math.floorMod(sec, 86_400L);
    // the proleptic Gregorian date of a day count from 1970-01-01 (days from March 1st of year 0,
    // in 400-year eras of 146,097 days)
    long z = days + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long dayOfEra = z - era * 146_097L;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthFromMarch = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return t.toString();
    }
    StringBuilder b = new StringBuilder(30);
    digits(b, year, 4).append('-');
    digits(b, month, 2).append('-');
    digits(b, day, 2).append('T');
    digits(b, secOfDay / 3600, 2).append(':');
    digits(b, secOfDay / 60 % 60, 2).append(':');
    digits(b, secOfDay % 60, 2);
    if (nano > 0) {
      b.append('.');
      if (nano % 1_000_000 == 0) {
        digits(b, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        digits(b, nano / 1_000, 6);
      } else {
        digits(b, nano, 9);
      }
    }
    return b.append('Z').toString();
  }

  /** {@code value} (not negative) zero-padded to {@code width} digits. */
  private static StringBuilder digits(StringBuilder b, long value, int width) {
    String s = Long.toString(value);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s);
  }
}

package io.htmllake.parsers.spec;

import io.htmllake.parsers.PriceParser;
import io.htmllake.parsers.Urls;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a field's text as its type: {@link String}, {@link Integer}, {@link Long}, {@link Double},
 * {@link BigDecimal} (scaled to the declared scale), {@link Boolean}, {@link LocalDate},
 * {@link Instant}, {@link PriceParser.Price} (amount and ISO 4217 currency) or a normalised absolute
 * URL string. Returns null when the text is not a value of the type; never throws.
 *
 * <p>Numbers are the first number in the text ("744 reviews" is 744), with grouping separators
 * (",", ".", "'", spaces) told from the decimal point as {@link PriceParser} does: the last of two
 * different separators is the point, and a lone separator followed by exactly three digits groups
 * thousands ("1,234" is 1234, "4,5" is 4.5).
 */
final class Values {

  private static final Pattern NUMBER = Pattern.compile("[-+\u2212]?\\d+(?:[.,'\u00a0\u202f ]\\d+)*");
  private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "on");
  private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "off");
  private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})");

  private Values() {}

  /** The page a value was read from: its URL (for relative URLs) and language (for shared currency symbols). */
  record Page(URL base, String lang) {
    static final Page NONE = new Page(null, null);
  }

  static Object convert(FieldSpec field, String text, Page page) {
    if (text == null) {
      return null;
    }
    try {
      return switch (field.type().kind()) {
        case STRING -> text;
        case INT -> {
          Long l = integral(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
          yield l == null ? null : Integer.valueOf(l.intValue());
        }
        case LONG -> integral(text, Long.MIN_VALUE, Long.MAX_VALUE);
        case DOUBLE -> {
          BigDecimal d = number(text);
          yield d == null ? null : d.doubleValue();
        }
        case DECIMAL -> decimal(text, field.type());
        case BOOLEAN -> bool(text);
        case DATE -> date(text, field.dateFormat());
        case TIMESTAMP -> timestamp(text, field.dateFormat(), field.timeZone());
        case PRICE -> {
          PriceParser.Price p = PriceParser.parse(text, field.currency(), page.lang());
          yield p.amount() == null ? null : new PriceParser.Price(scaledPrice(p.amount()), p.currency());
        }
        case URL -> Urls.normalize(Urls.resolve(page.base(), text));
      };
    } catch (RuntimeException e) {
      return null; // a value that cannot be read is a missing value, never a failed page
    }
  }

  /** Prices are stored as decimal(18,4); a larger amount is not a price. */
  private static BigDecimal scaledPrice(BigDecimal amount) {
    BigDecimal scaled = amount.setScale(4, RoundingMode.HALF_UP);
    return scaled.precision() - scaled.scale() > 14 ? null : scaled;
  }

  static BigDecimal number(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) {
      return null;
    }
    String n = m.group().replace('\u2212', '-');
    boolean negative = n.startsWith("-");
    if (n.startsWith("-") || n.startsWith("+")) {
      n = n.substring(1);
    }
    int lastDot = n.lastIndexOf('.');
    int lastComma = n.lastIndexOf(',');
    Character point = null;
    if (lastDot >= 0 && lastComma >= 0) {
      point = lastDot > lastComma ? '.' : ',';
    } else if (lastDot >= 0 || lastComma >= 0) {
      char sep = lastDot >= 0 ? '.' : ',';
      int last = Math.max(lastDot, lastComma);
      boolean once = n.indexOf(sep) == last;
      boolean groupOfThree = n.length() - last - 1 == 3 && !n.startsWith("0" + sep);
      point = once && !groupOfThree ? sep : null;
    }
    StringBuilder digits = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (Character.isDigit(c)) {
        digits.append(c);
      } else if (point != null && c == point && i == (point == '.' ? lastDot : lastComma)) {
        digits.append('.');
      }
    }
    BigDecimal value = new BigDecimal(digits.toString());
    return negative ? value.negate() : value;
  }

  private static Long integral(String text, long min, long max) {
    BigDecimal d = number(text);
    if (d == null) {
      return null;
    }
    try {
      long v = d.stripTrailingZeros().longValueExact();
      return v < min || v > max ? null : v;
    } catch (ArithmeticException e) {
      return null; // a fraction, or too large
    }
  }

  private static BigDecimal decimal(String text, FieldType type) {
    BigDecimal d = number(text);
    if (d == null) {
      return null;
    }
    BigDecimal scaled = d.setScale(type.scale(), RoundingMode.HALF_UP);
    return scaled.precision() > type.precision() ? null : scaled;
  }

  private static Boolean bool(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (TRUE.contains(t)) {
      return Boolean.TRUE;
    }
    return FALSE.contains(t) ? Boolean.FALSE : null;
  }

  private static LocalDate date(String text, DateTimeFormatter format) {
    LocalDate d;
    if (format == null) {
      Matcher m = ISO_DATE.matcher(text.strip());
      if (!m.find()) {
        return null;
      }
      d = LocalDate.parse(m.group(1));
    } else {
      d = LocalDate.from(format.parse(text.strip()));
    }
    return inRange(d.getYear()) ? d : null;
  }

  private static Instant timestamp(String text, DateTimeFormatter format, ZoneId zone) {
    String t = text.strip();
    Instant instant;
    if (format == null) {
      instant = isoTimestamp(t, zone);
    } else {
      TemporalAccessor parsed = format.parse(t);
      ZoneId parsedZone = parsed.query(TemporalQueries.zone());
      LocalDate date = parsed.query(TemporalQueries.localDate());
      java.time.LocalTime time = parsed.query(TemporalQueries.localTime());
      if (date == null) {
        return null;
      }
      LocalDateTime local = time == null ? date.atStartOfDay() : date.atTime(time);
      instant = ZonedDateTime.of(local, parsedZone != null ? parsedZone : zone).toInstant();
    }
    return instant != null && inRange(instant.atZone(java.time.ZoneOffset.UTC).getYear()) ? instant : null;
  }

  private static Instant isoTimestamp(String t, ZoneId zone) {
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset
    }
    try {
      return LocalDateTime.parse(t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      // not a local date-time
    }
    return LocalDate.parse(t).atStartOfDay(zone).toInstant();
  }

  /** Spark writes dates of years 1583..9999 without rebasing; anything else is junk on a web page. */
  private static boolean inRange(int year) {
    return year >= 1583 && year <= 9999;
  }

  /** A date pattern as a formatter that defaults a missing day or month to 1 ("MMMM yyyy" reads "June 2010"). */
  static DateTimeFormatter formatter(String pattern, Locale locale) {
    return new java.time.format.DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
        .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
        .toFormatter(locale);
  }
}

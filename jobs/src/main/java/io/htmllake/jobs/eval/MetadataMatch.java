package io.htmllake.jobs.eval;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the metadata evaluation decides that a page field equals its ground truth. Exact match after
 * this normalisation, stated once here:
 * <ul>
 *   <li>text (title, description): Unicode NFKC, every run of white space one space, trimmed, lower case;</li>
 *   <li>author: the same, then a leading "by " (or "par ", "von ") dropped, then split into names at
 *       {@code ; , | &} and " and "; the two sets of names must be equal (order does not matter);</li>
 *   <li>date: the published day, {@code YYYY-MM-DD}. Ours is the UTC day of {@code published_time};
 *       an expected value with an offset is moved to UTC first, one without is taken as written;</li>
 *   <li>lang: the primary language subtag ({@code en-US} and {@code en} match).</li>
 * </ul>
 */
final class MetadataMatch {

  private static final Pattern BY = Pattern.compile("^(by|par|von)\\s+");
  private static final Pattern NAME_SEPARATOR = Pattern.compile("\\s*(?:[;,|&]|\\band\\b)\\s*");
  private static final Pattern ISO_DAY = Pattern.compile(
      "^(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?)\\s*(Z|[+-]\\d{2}:?\\d{2})?)?");
  /** {@code Sun Nov 23 16:00:00 EDT 2014}, as goose3 writes some dates. */
  private static final DateTimeFormatter UNIX_DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ENGLISH);

  private MetadataMatch() {}

  /** Normalised text, or null when blank. */
  static String text(String s) {
    if (s == null) {
      return null;
    }
    String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC);
    String squashed = SnippetScore.normalize(nfkc).toLowerCase(Locale.ROOT);
    return squashed.isEmpty() ? null : squashed;
  }

  /** The set of normalised author names, empty when none. */
  static Set<String> authors(String s) {
    Set<String> names = new TreeSet<>();
    String t = text(s);
    if (t == null) {
      return names;
    }
    t = BY.matcher(t).replaceFirst("");
    for (String name : NAME_SEPARATOR.split(t)) {
      String n = BY.matcher(name.strip()).replaceFirst("");
      if (!n.isEmpty()) {
        names.add(n);
      }
    }
    return names;
  }

  /** The day an expected date names, or null when it cannot be read. */
  static LocalDate expectedDay(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String v = s.strip();
    Matcher m = ISO_DAY.matcher(v);
    if (m.find()) {
      try {
        LocalDate day = LocalDate.parse(m.group(1));
        if (m.group(2) == null || m.group(3) == null) {
          return day;
        }
        String offset = m.group(3);
        ZoneOffset zone = offset.equals("Z") ? ZoneOffset.UTC
            : ZoneOffset.of(offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset);
        String time = m.group(2).length() == 5 ? m.group(2) + ":00" : m.group(2).replace(',', '.');
        return LocalDateTime.parse(m.group(1) + "T" + time).atOffset(zone).withOffsetSameInstant(ZoneOffset.UTC)
            .toLocalDate();
      } catch (DateTimeException e) {
        return null;
      }
    }
    try {
      return ZonedDateTime.parse(v, UNIX_DATE).withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The UTC day of a published time, or null. */
  static LocalDate day(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toLocalDate();
  }

  /** The primary language subtag, lower case, or null. */
  static String language(String s) {
    String t = text(s);
    if (t == null) {
      return null;
    }
    String primary = t.split("[-_\\s]")[0];
    return primary.isEmpty() ? null : primary;
  }
}

package io.htmllake.parsers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** Author and publication time from the many places pages put them. */
final class Metadata {

  private static final List<String> AUTHOR_META = List.of("author", "article:author", "byl", "dc.creator", "parsely-author",
      "sailthru.author", "cxenseparse:author");
  private static final List<String> DATE_META = List.of("article:published_time", "og:published_time", "datepublished",
      "publishdate", "pubdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date",
      "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime");
  private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT);
  private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffsetId().optionalEnd().parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
      .toFormatter(Locale.ROOT);

  /** Nodes (the element included) beyond which an element is no date; a date's text is at most 40 characters. */
  private static final int DATE_MAX_NODES = 64;

  private Metadata() {}

  static String author(DocumentScan scan) {
    for (String name : AUTHOR_META) {
      String value = scan.meta(name);
      if (value != null && !looksLikeUrl(value)) {
        return value;
      }
    }
    Element itemprop = scan.itempropAuthor;
    Element itempropName = itemprop == null ? null : itemprop.selectFirst("[itemprop=name]");
    Element byline = scan.byline;
    Element bylineAuthor = byline == null ? null : byline.selectFirst(".author");
    for (Element element : new Element[] {itempropName, itemprop, scan.relAuthor, bylineAuthor, byline, scan.authorName,
        scan.authorClass}) {
      String text = PageParser.elementText(element);
      if (text != null && text.length() <= 200) {
        return text.replaceFirst("(?i)^by\\s+", "");
      }
    }
    return null;
  }

  static Instant publishedTime(DocumentScan scan) {
    for (String name : DATE_META) {
      String value = scan.social.get(name);
      if (value == null) {
        value = scan.meta(name);
      }
      Instant instant = parseInstant(value);
      if (instant != null) {
        return instant;
      }
    }
    for (List<Element> group : scan.dateElements) {
      for (Element time : group) {
        String value = time.hasAttr("datetime") ? time.attr("datetime")
            : time.hasAttr("content") ? time.attr("content") : dateText(time);
        Instant instant = parseInstant(value);
        if (instant != null) {
          return instant;
        }
      }
    }
    return null;
  }

  /**
   * The text of an element small enough to hold a date, else null. Candidates can be nested, and
   * the text of each one includes all those inside it: reading it whole made deep nesting quadratic.
   */
  private static String dateText(Element element) {
    int[] nodes = {0};
    NodeTraversor.filter((node, depth) -> ++nodes[0] > DATE_MAX_NODES ? NodeFilter.FilterResult.STOP
        : NodeFilter.FilterResult.CONTINUE, element);
    return nodes[0] > DATE_MAX_NODES ? null : element.text();
  }

  /** Parses the ISO-8601 shapes pages use; a date alone means midnight UTC, no offset means UTC. */
  static Instant parseInstant(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty() || v.length() > 40) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next shape
    }
    try {
      return OffsetDateTime.parse(v, OFFSET_NO_COLON).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next shape
    }
    try {
      return LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // try the next shape
    }
    try {
      return OffsetDateTime.parse(v, SPACE_SEPARATED).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next shape
    }
    try {
      return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v, DateTimeFormatter.ISO_LOCAL_DATE)
          .atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }

  private static boolean looksLikeUrl(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.startsWith("http://") || v.startsWith("https://") || v.startsWith("//") || v.startsWith("www.");
  }
}

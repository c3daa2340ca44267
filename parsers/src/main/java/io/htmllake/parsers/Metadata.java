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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** Title, author and publication time from the many places pages put them. */
final class Metadata {

  private static final List<String> AUTHOR_META = List.of("author", "article:author", "byl", "dc.creator", "parsely-author",
      "sailthru.author", "cxenseparse:author");
  private static final List<String> DATE_META = List.of("article:published_time", "og:published_time", "datepublished",
      "publishdate", "pubdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date",
      "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime", "originalpublicationdate", "publication_date",
      "publish_date", "date_published", "dcterms.issued", "dc.date.created", "dcterms.date", "article.created");
  private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT);
  private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffsetId().optionalEnd().parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
      .toFormatter(Locale.ROOT);

  /** Nodes (the element included) beyond which an element is no date; a date's text is at most 40 characters. */
  private static final int DATE_MAX_NODES = 64;
  private static final List<String> TITLE_SEPARATORS = List.of(" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ",
      " // ", " : ");
  private static final Pattern URL_DATE = Pattern.compile("/((?:19|20)\\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\\d|3[01])(?:/|-|$)");

  /**
   * Publication times outside [1900, 2100) are placeholders or typos ("0001-01-01", "2999-..."), not
   * dates, and Spark would refuse to write those before 1900 to Parquet without a rebase mode.
   */
  private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private Metadata() {}

  /**
   * The document title without the site name that a separator sets apart ("Headline | Site"), when
   * another source confirms which part is the headline (og:title, JSON-LD headline, the first h1)
   * or which is the site (og:site_name); else the title as it is.
   */
  static String title(String documentTitle, DocumentScan scan, ArticleJsonLd article) {
    if (documentTitle == null) {
      return null;
    }
    for (String headline : new String[] {scan.social.get("og:title"), article.headline, PageParser.elementText(scan.firstH1),
        scan.social.get("twitter:title")}) {
      String h = TextExtractor.squash(headline);
      if (h != null && h.length() < documentTitle.length() && isTitlePart(documentTitle, h)) {
        return h;
      }
    }
    String site = TextExtractor.squash(scan.social.get("og:site_name"));
    if (site != null && site.length() < documentTitle.length()) {
      for (String separator : TITLE_SEPARATORS) {
        if (documentTitle.endsWith(separator + site)) {
          return documentTitle.substring(0, documentTitle.length() - separator.length() - site.length()).strip();
        }
        if (documentTitle.startsWith(site + separator)) {
          return documentTitle.substring(site.length() + separator.length()).strip();
        }
      }
    }
    return documentTitle;
  }

  /** True when {@code part} is what stands before or after a separator in {@code title}. */
  private static boolean isTitlePart(String title, String part) {
    for (String separator : TITLE_SEPARATORS) {
      if (title.startsWith(part + separator) || title.endsWith(separator + part)) {
        return true;
      }
    }
    return false;
  }

  static String author(DocumentScan scan, ArticleJsonLd article) {
    if (article.author != null) {
      return article.author;
    }
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
    // In a byline or author element, the name is its vcard name or its link when it has one ("By <a>Name</a>, date").
    Element authorClass = scan.authorClass;
    Element authorNamed = authorClass == null ? null : authorClass.selectFirst(".fn, [itemprop=name], a[rel~=author], a");
    for (Element element : new Element[] {itempropName, itemprop, scan.relAuthor, bylineAuthor, byline, scan.authorName,
        authorNamed, authorClass}) {
      String text = PageParser.elementText(element);
      if (text != null && text.length() <= 200) {
        return text.replaceFirst("(?i)^by\\s+", "");
      }
    }
    return null;
  }

  static Instant publishedTime(DocumentScan scan, ArticleJsonLd article, String url) {
    Instant fromJsonLd = parseInstant(article.datePublished);
    if (fromJsonLd != null) {
      return fromJsonLd;
    }
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
    return urlDate(url);
  }

  /** The day a URL path names ({@code /2017/06/12/}, {@code /2017-06-12/}), as midnight UTC; else null. */
  static Instant urlDate(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL_DATE.matcher(url);
    if (!m.find()) {
      return null;
    }
    try {
      // The pattern allows years 1900-2099 only, inside the publication-time bounds.
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
          .atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (java.time.DateTimeException e) {
      return null;
    }
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
    Instant instant = parseAnyInstant(value);
    return instant == null || instant.isBefore(EARLIEST) || !instant.isBefore(LATEST) ? null : instant;
  }

  private static Instant parseAnyInstant(String value) {
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

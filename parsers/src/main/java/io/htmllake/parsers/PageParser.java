package io.htmllake.parsers;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Turns one {@link RawRecord} into a {@link ParsedPage}, or a {@link Quarantine} entry when the
 * bytes are not HTML. Never throws for any input bytes. Not thread-safe in spirit (create one per
 * task); it holds only a reusable digest.
 */
public final class PageParser {

  /**
   * Deepest element nesting kept (jsoup's own default, set here so that it is ours): deeper start
   * tags are attached at this depth, so no walk over the tree recurses or loops deeper than it.
   */
  static final int MAX_DOM_DEPTH = 512;

  private final MessageDigest sha256;

  /** The HTML parser every page goes through. */
  static Parser htmlParser() {
    return Parser.htmlParser().setMaxDepth(MAX_DOM_DEPTH);
  }

  public PageParser() {
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot create page parser: the JVM has no SHA-256", e);
    }
  }

  public RecordOutcome parse(RawRecord record) {
    byte[] bytes = record.payload();
    String notHtml = PayloadSniffer.whyNotHtml(bytes);
    if (notHtml != null) {
      String reason = bytes.length == 0 || notHtml.equals(PayloadSniffer.BLANK) ? "empty" : "not_html";
      return Quarantine.of(record, Quarantine.Stage.PARSE, reason, notHtml);
    }
    try {
      return parseHtml(record);
    } catch (RuntimeException | StackOverflowError e) {
      return Quarantine.of(record, Quarantine.Stage.PARSE, "parser_error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private ParsedPage parseHtml(RawRecord record) {
    byte[] bytes = record.payload();
    FetchMetadata meta = record.metadata();
    CharsetResolver.Resolution charset = record.textCharset() != null
        ? new CharsetResolver.Resolution(record.textCharset(), CharsetSource.CONTAINER, 0)
        : CharsetResolver.resolve(bytes, meta.header("content-type"));
    String html = CharsetResolver.decode(bytes, charset);

    String url = meta.url();
    String baseUri = url == null ? "" : url;
    Document doc = Jsoup.parse(html, baseUri, htmlParser());
    Element body = doc.body();
    DocumentScan scan = DocumentScan.of(doc);
    URL base = Urls.base(doc.baseUri());

    Map<String, String> og = scan.social;
    ArticleJsonLd article = ArticleJsonLd.of(scan.jsonLdScripts);
    String title = Metadata.title(firstNonBlank(doc.title(), og.get("og:title"), og.get("twitter:title")), scan, article);
    String description = firstNonBlank(scan.metaName.get("description"), og.get("og:description"),
        og.get("twitter:description"), article.description);
    String robots = lower(scan.metaName.get("robots"));
    String host = Urls.host(url);
    String domain = Urls.registeredDomain(host);

    List<Link> links = LinkExtractor.extract(scan.anchors, scan.linksWrappingLinks, base, domain, robotsNofollow(robots));
    String mainText = TextExtractor.mainText(body, scan);

    List<StructuredItem> items = structuredData(doc);
    String lang = language(doc, scan);
    return new ParsedPage(
        pageId(record),
        url,
        host,
        domain,
        meta.fetchTime(),
        meta.httpStatus(),
        meta.mimeType(),
        charset.charset().name(),
        charset.source(),
        bytes.length,
        hex(sha256.digest(bytes)),
        record.truncated(),
        title,
        description,
        canonical(scan, base),
        lang,
        robots,
        elementText(scan.firstH1),
        Metadata.author(scan, article),
        Metadata.publishedTime(scan, article, url),
        og,
        TextExtractor.visibleText(body),
        mainText,
        TextExtractor.wordCount(mainText),
        links,
        items,
        offers(items, doc, lang),
        record.sourceUri(),
        record.sourceOffset(),
        ParserVersion.VALUE);
  }

  /**
   * The page's structured data; an unexpected failure of the extractor costs the page its items,
   * not the page itself.
   */
  private static List<StructuredItem> structuredData(Document doc) {
    try {
      return StructuredDataExtractor.extract(doc);
    } catch (RuntimeException | StackOverflowError e) {
      return List.of();
    }
  }

  /** Offers from the structured items, or from the HTML itself when they have no price. */
  private static List<Offer> offers(List<StructuredItem> items, Document doc, String lang) {
    try {
      return OfferExtractor.extract(items, doc, lang);
    } catch (RuntimeException | StackOverflowError e) {
      return List.of();
    }
  }

  /** SHA-256 of url + fetch time (or of source uri + offset when the url is unknown), first 128 bits, hex. */
  public String pageId(RawRecord record) {
    FetchMetadata meta = record.metadata();
    String key = meta.url() != null
        ? "url\u0000" + meta.url() + "\u0000" + (meta.fetchTime() == null ? "" : meta.fetchTime().toString())
        : "src\u0000" + record.sourceUri() + "\u0000" + record.sourceOffset();
    byte[] digest = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /**
   * The first usable canonical link, resolved against the base parsed once (jsoup's absUrl searches
   * every ancestor for the base URI, quadratic when many unusable ones are nested deep).
   */
  private static String canonical(DocumentScan scan, URL base) {
    for (Element link : scan.canonicalLinks) {
      String normalized = Urls.normalize(Urls.resolveHttp(base, link.attr("href")));
      if (normalized != null) {
        return normalized;
      }
    }
    return null;
  }

  private static String language(Document doc, DocumentScan scan) {
    Element html = doc.firstElementChild();
    String lang = html == null ? null : TextExtractor.squash(html.attr("lang"));
    if (lang == null && html != null) {
      lang = TextExtractor.squash(html.attr("xml:lang"));
    }
    if (lang == null) {
      lang = scan.metaHttpEquiv.get("content-language");
    }
    if (lang == null) {
      return null;
    }
    lang = lang.split("[,;\\s]")[0].replace('_', '-').toLowerCase(Locale.ROOT);
    return lang.matches("[a-z]{2,3}(-[a-z0-9]{1,8})*") ? lang : null;
  }

  /** True for a robots meta with {@code nofollow} or {@code none} (which means noindex, nofollow). */
  private static boolean robotsNofollow(String robots) {
    if (robots == null) {
      return false;
    }
    for (String directive : robots.split("[,\\s]+")) {
      if (directive.equals("nofollow") || directive.equals("none")) {
        return true;
      }
    }
    return false;
  }

  static String elementText(Element element) {
    return element == null ? null : TextExtractor.squash(element.text());
  }

  static String firstNonBlank(String... values) {
    for (String value : values) {
      String squashed = TextExtractor.squash(value);
      if (squashed != null) {
        return squashed;
      }
    }
    return null;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}

package io.htmllake.parsers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the parser took from one HTML document. Field meanings are documented on the pages table. */
public record ParsedPage(
    String pageId,
    String url,
    String urlHost,
    String urlRegisteredDomain,
    Instant fetchTime,
    Integer httpStatus,
    String contentType,
    String charset,
    CharsetSource charsetSource,
    long contentLength,
    String contentSha256,
    boolean truncated,
    String title,
    String description,
    String canonicalUrl,
    String lang,
    String robots,
    String h1,
    String author,
    Instant publishedTime,
    Map<String, String> og,
    String text,
    String mainText,
    int wordCount,
    List<Link> links,
    List<StructuredItem> structuredData,
    List<Offer> offers,
    String sourceUri,
    long sourceOffset,
    String parserVersion) implements RecordOutcome {

  public ParsedPage {
    og = Map.copyOf(og);
    links = List.copyOf(links);
    structuredData = List.copyOf(structuredData);
    offers = List.copyOf(offers);
  }
}

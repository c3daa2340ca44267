package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Title, author, published time and description from JSON-LD, bylines, the title's parts and the URL. */
class ArticleMetadataTest {

  private static ParsedPage parse(String url, String html) {
    RecordOutcome outcome = new PageParser().parse(new RawRecord("test", 0, html.getBytes(StandardCharsets.UTF_8), false,
        new FetchMetadata(url, null, 200, Map.of("Content-Type", "text/html; charset=utf-8"))));
    return (ParsedPage) outcome;
  }

  @Test
  void jsonLdGivesHeadlineAuthorsDateAndDescriptionWithGraphReferences() {
    ParsedPage page = parse("https://blog.example.com/p", """
        <html><head><title>Why rivers flood | The River Blog</title>
        <script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebPage","@id":"https://blog.example.com/p","name":"Why rivers flood | The River Blog"},
          {"@type":"BlogPosting","headline":"Why rivers flood","datePublished":"2019-03-05T23:30:00-05:00",
           "author":[{"@id":"https://blog.example.com/#ann"},{"@type":"Person","name":"Bo Brook"}],
           "description":"A short answer."},
          {"@type":"Person","@id":"https://blog.example.com/#ann","name":"Ann Author"}]}
        </script></head><body><p>Text.</p></body></html>
        """);
    assertEquals("Why rivers flood", page.title());
    assertEquals("Ann Author; Bo Brook", page.author());
    assertEquals(Instant.parse("2019-03-06T04:30:00Z"), page.publishedTime());
    assertEquals("A short answer.", page.description());
  }

  @Test
  void brokenOrHugeJsonLdIsIgnored() {
    ParsedPage page = parse(null, "<html><head><title>T</title><script type='application/ld+json'>{\"@type\": \"Article\", "
        + "</script></head><body><p>x</p></body></html>");
    assertEquals("T", page.title());
    assertNull(page.author());
  }

  @Test
  void titleLosesTheSiteNameOnlyWhenAnotherSourceConfirmsIt() {
    assertEquals("Council votes", parse(null, "<title>Council votes - Daily News</title><h1>Council votes</h1>").title());
    assertEquals("Council votes", parse(null,
        "<title>Daily News | Council votes</title><meta property='og:site_name' content='Daily News'>").title());
    assertEquals("Council votes - Daily News", parse(null, "<title>Council votes - Daily News</title><h1>Other</h1>").title());
    assertEquals("Page A", parse(null, "<title>Page A</title><meta property='og:title' content='A for Open Graph'>").title());
  }

  @Test
  void bylineElementsGiveTheLinkedName() {
    assertEquals("Helmut Rubik", parse(null, """
        <body><span class="entry-meta-author vcard"><a class="fn" href="/author/hr/">Helmut Rubik</a></span>
        <div class="author-bio">About the author: a long text</div></body>""").author());
    assertEquals("J.R. Stone", parse(null, """
        <body><div class="c-byline"><span>By</span> <a href="/team/jr">J.R. Stone</a> Friday, April 1, 2022</div></body>
        """).author());
  }

  @Test
  void aDateInTheUrlPathIsTheLastResort() {
    assertEquals(Instant.parse("2017-06-12T00:00:00Z"), parse("https://x.example/2017/06/12/slug/", "<p>x</p>").publishedTime());
    assertEquals(Instant.parse("2020-01-23T00:00:00Z"), parse("https://x.example/news/2020-01-23-slug", "<p>x</p>").publishedTime());
    assertNull(parse("https://x.example/2017/13/40/slug", "<p>x</p>").publishedTime());
    assertEquals(Instant.parse("2014-06-30T16:54:02Z"), parse("https://x.example/2017/06/12/",
        "<meta name='OriginalPublicationDate' content='2014-06-30T16:54:02+00:00'><p>x</p>").publishedTime());
  }

  @Test
  void placeholderDatesAreNoPublicationTime() {
    // Found by CorpusPagesTest: a year-1 date reached the pages table, and Spark refuses to write it to Parquet.
    assertNull(parse(null, "<script type='application/ld+json'>{\"@type\":\"Article\",\"datePublished\":\"0001-01-01T00:00:00Z\"}"
        + "</script><p>x</p>").publishedTime());
    assertNull(parse(null, "<meta property='article:published_time' content='2999-01-01'><p>x</p>").publishedTime());
    assertEquals(Instant.parse("2001-10-29T01:59:14Z"), parse(null,
        "<meta property='article:published_time' content='0000-00-00'><time datetime='2001-10-29T01:59:14Z'>x</time>").publishedTime());
  }
}

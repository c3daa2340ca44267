package io.htmllake.parsers;

import static io.htmllake.parsers.TestPages.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every field of {@link ParsedPage}, each checked against values written by hand. */
class PageParserTest {

  private static final String ARTICLE_URL = "https://www.example.com/news/harbour-reopens?ref=home";

  @Nested
  class ArticleFixture {

    private final ParsedPage page = page(TestPages.resource("article.html"), TestPages.fetched(ARTICLE_URL));

    @Test
    void headFields() {
      assertEquals("Harbour reopens after storm", page.title());
      assertEquals("The harbour reopened on Tuesday.", page.description());
      assertEquals("https://www.example.com/news/harbour-reopens", page.canonicalUrl());
      assertEquals("en-gb", page.lang());
      assertEquals("index, follow", page.robots());
      assertEquals("Harbour reopens after storm", page.h1());
    }

    @Test
    void socialPropertiesKeepOgTwitterAndArticleOnly() {
      assertEquals(Map.of(
          "og:title", "Harbour reopens",
          "og:type", "article",
          "og:url", "https://www.example.com/news/harbour-reopens",
          "twitter:card", "summary_large_image",
          "article:published_time", "2024-03-05T10:15:00+02:00",
          "article:author", "https://www.example.com/staff/ana-lima",
          "article:section", "Local"), page.og());
    }

    @Test
    void authorComesFromTheBylineBecauseArticleAuthorIsAUrl() {
      assertEquals("Ana Lima", page.author());
    }

    @Test
    void publishedTimeIsConvertedToUtc() {
      assertEquals(Instant.parse("2024-03-05T08:15:00Z"), page.publishedTime());
    }

    @Test
    void visibleTextHasOneBlockALineAndNoScriptsOrStyles() {
      assertEquals("""
          The Example Gazette
          News
          Sport
          Harbour reopens after storm
          By Ana Lima
          The harbour reopened on Tuesday after three days of repairs.
          Fishing boats returned to the quay by noon.
          Read more: storms of the decade
          Share on social media
          Great news! Said a reader.
          Short teaser.
          Most read today
          Copyright 2024 The Example Gazette""", page.text());
    }

    @Test
    void mainTextIsTheLargestArticleWithoutAsideShareAndComments() {
      assertEquals("""
          Harbour reopens after storm
          By Ana Lima
          The harbour reopened on Tuesday after three days of repairs.
          Fishing boats returned to the quay by noon.""", page.mainText());
      assertEquals(4 + 3 + 10 + 8, page.wordCount());
    }

    @Test
    void fetchAndSourceFields() {
      assertEquals(ARTICLE_URL, page.url());
      assertEquals("www.example.com", page.urlHost());
      assertEquals("example.com", page.urlRegisteredDomain());
      assertEquals(TestPages.SOURCE, page.sourceUri());
      assertEquals(0, page.sourceOffset());
      assertEquals(ParserVersion.VALUE, page.parserVersion());
      assertEquals("UTF-8", page.charset());
      assertEquals(CharsetSource.META, page.charsetSource());
    }
  }

  @Nested
  class Title {

    @Test
    void titleElementWhiteSpaceCollapsed() {
      assertEquals("Spring sale now on", page("<title>\n  Spring   sale\tnow on </title><p>x</p>").title());
    }

    @Test
    void ogTitleWhenTitleIsMissing() {
      assertEquals("From OpenGraph", page("<meta property=\"og:title\" content=\"From OpenGraph\"><p>x</p>").title());
    }

    @Test
    void ogTitleWhenTitleIsBlank() {
      assertEquals("From OpenGraph",
          page("<title>   </title><meta property=\"og:title\" content=\"From OpenGraph\"><p>x</p>").title());
    }

    @Test
    void twitterTitleWhenNeitherTitleNorOgTitle() {
      assertEquals("From Twitter", page("<meta name=\"twitter:title\" content=\"From Twitter\"><p>x</p>").title());
    }

    @Test
    void titleWinsOverOgTitle() {
      assertEquals("Real title",
          page("<title>Real title</title><meta property=\"og:title\" content=\"Social title\"><p>x</p>").title());
    }

    @Test
    void noTitleAnywhereIsNull() {
      assertNull(page("<p>No title here</p>").title());
    }
  }

  @Nested
  class Description {

    @Test
    void metaDescriptionWithAnyCaseName() {
      assertEquals("Fresh bread daily.", page("<meta name=\"Description\" content=\" Fresh  bread daily. \"><p>x</p>").description());
    }

    @Test
    void ogDescriptionWhenMetaDescriptionIsMissing() {
      assertEquals("From OpenGraph", page("<meta property=\"og:description\" content=\"From OpenGraph\"><p>x</p>").description());
    }

    @Test
    void ogDescriptionWhenMetaDescriptionIsEmpty() {
      assertEquals("From OpenGraph", page("""
          <meta name="description" content="">
          <meta property="og:description" content="From OpenGraph"><p>x</p>""").description());
    }

    @Test
    void twitterDescriptionLast() {
      assertEquals("From Twitter", page("<meta name=\"twitter:description\" content=\"From Twitter\"><p>x</p>").description());
    }

    @Test
    void noneIsNull() {
      assertNull(page("<p>x</p>").description());
    }
  }

  @Nested
  class Canonical {

    @Test
    void relativeHrefResolvedAgainstThePageAndFragmentDropped() {
      assertEquals("https://www.example.com/shop/item?id=7",
          page("<link rel=\"canonical\" href=\"../shop/item?id=7#reviews\"><p>x</p>",
              "https://www.example.com/news/story.html").canonicalUrl());
    }

    @Test
    void absoluteHrefNormalised() {
      assertEquals("https://shop.example.com/a/c",
          page("<link rel=\"canonical\" href=\"HTTPS://Shop.Example.COM:443/a/b/../c\"><p>x</p>").canonicalUrl());
    }

    @Test
    void relTokenMatchedCaseInsensitivelyAmongOthers() {
      assertEquals("https://www.example.com/one",
          page("<link rel=\"Alternate CANONICAL\" href=\"/one\"><p>x</p>").canonicalUrl());
    }

    @Test
    void otherLinkRelsAreNotCanonical() {
      assertNull(page("<link rel=\"stylesheet\" href=\"/main.css\"><link rel=\"alternate\" href=\"/fr/\"><p>x</p>").canonicalUrl());
    }

    @Test
    void relativeHrefWithoutPageUrlIsNull() {
      assertNull(page("<link rel=\"canonical\" href=\"/one\"><p>x</p>", null).canonicalUrl());
    }

    @Test
    void absoluteHrefWithoutPageUrlIsKept() {
      assertEquals("https://www.example.org/one",
          page("<link rel=\"canonical\" href=\"https://www.example.org/one\"><p>x</p>", null).canonicalUrl());
    }

    @Test
    void nonHttpHrefIsNull() {
      assertNull(page("<link rel=\"canonical\" href=\"ftp://files.example.com/x\"><p>x</p>").canonicalUrl());
    }
  }

  @Nested
  class Lang {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        <html lang="en">                            | en
        <html lang="EN_us">                         | en-us
        <html lang=" pt-BR ">                       | pt-br
        <html lang="zh-Hant-TW">                    | zh-hant-tw
        <html xml:lang="fr-CA">                     | fr-ca
        <html lang="" xml:lang="it">                | it
        <html lang="de" xml:lang="it">              | de
        <html lang="english (uk)">                  | NULL
        <html lang="*">                             | NULL
        <html>                                      | NULL
        """)
    void fromTheHtmlElement(String htmlTag, String expected) {
      assertEquals(expected, page(htmlTag + "<body><p>x</p></body></html>").lang());
    }

    @Test
    void fromContentLanguageMetaFirstOfAList() {
      assertEquals("de-at",
          page("<html><head><meta http-equiv=\"Content-Language\" content=\"de-AT, en\"></head><body>x</body></html>").lang());
    }

    @Test
    void htmlLangWinsOverContentLanguageMeta() {
      assertEquals("nl",
          page("<html lang=\"nl\"><head><meta http-equiv=\"content-language\" content=\"en\"></head><body>x</body></html>").lang());
    }
  }

  @Nested
  class Robots {

    @Test
    void lowerCasedContent() {
      assertEquals("noindex, nofollow", page("<meta name=\"ROBOTS\" content=\"NoIndex, NoFollow\"><p>x</p>").robots());
    }

    @Test
    void absentIsNull() {
      assertNull(page("<meta name=\"googlebot\" content=\"noindex\"><p>x</p>").robots());
    }
  }

  @Nested
  class H1 {

    @Test
    void firstH1WithInlineMarkupAndWhiteSpaceCollapsed() {
      assertEquals("Big news today", page("<h1>  Big <em>news</em>\n  today </h1><h1>Second</h1>").h1());
    }

    @Test
    void noH1IsNull() {
      assertNull(page("<h2>Only a subheading</h2>").h1());
    }
  }

  @Nested
  class SocialProperties {

    @Test
    void keysLowerCasedValuesCollapsedFirstValueWinsEmptyIgnored() {
      ParsedPage page = page("""
          <meta property="OG:Title" content="  First   title ">
          <meta property="og:title" content="Second title">
          <meta property="og:image" content="">
          <meta name="twitter:site" content="@example">
          <meta property="article:tag" content="harbours">
          <meta name="description" content="not social">
          <meta property="fb:app_id" content="123">
          <p>x</p>""");
      assertEquals(Map.of("og:title", "First title", "twitter:site", "@example", "article:tag", "harbours"), page.og());
    }

    @Test
    void emptyWhenThereAreNone() {
      assertEquals(Map.of(), page("<p>x</p>").og());
    }
  }

  @Nested
  class Author {

    @Test
    void metaAuthor() {
      assertEquals("Jane Doe", page("<meta name=\"author\" content=\"Jane Doe\"><p>x</p>").author());
    }

    @Test
    void articleAuthorNameIsAnAuthor() {
      assertEquals("Jane Doe", page("<meta property=\"article:author\" content=\"Jane Doe\"><p>x</p>").author());
    }

    @Test
    void urlValuedArticleAuthorIsNotAnAuthor() {
      assertNull(page("<meta property=\"article:author\" content=\"https://www.facebook.com/jane.doe\"><p>x</p>").author());
    }

    /** Regression: only lower-case http(s):// values were recognised as URLs. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTPS://www.example.com/authors/jane", "www.facebook.com/jane.doe", "//example.com/jane"})
    void otherUrlShapesAreNotAnAuthorEither(String url) {
      assertNull(page("<meta property=\"article:author\" content=\"" + url + "\"><p>x</p>").author());
    }

    @Test
    void urlValuedArticleAuthorSkippedForALaterMetaName() {
      assertEquals("Jane Doe", page("""
          <meta property="article:author" content="https://www.example.com/authors/jane">
          <meta name="parsely-author" content="Jane Doe"><p>x</p>""").author());
    }

    @Test
    void itempropAuthorName() {
      assertEquals("Sam Roe", page("""
          <article><div itemprop="author" itemscope itemtype="https://schema.org/Person">
            <span itemprop="jobTitle">Editor</span> <span itemprop="name">Sam Roe</span>
          </div><p>Body</p></article>""").author());
    }

    @Test
    void itempropAuthorWithoutName() {
      assertEquals("Sam Roe", page("<p>Written by <span itemprop=\"author\">Sam Roe</span></p>").author());
    }

    @Test
    void bylineWithByPrefixRemovedCaseInsensitively() {
      assertEquals("Kim Park", page("<div class=\"byline\">BY   Kim\n Park</div><p>Text</p>").author());
    }

    @Test
    void relAuthorLink() {
      assertEquals("Kim Park", page("<p>Posted by <a rel=\"author\" href=\"/kim\">Kim Park</a></p>").author());
    }

    @Test
    void authorElementOutsideABylineIsOnlyALateFallback() {
      assertEquals("Kim Park", page("""
          <div class="author">Profile card</div>
          <div class="byline"><span>Words:</span> <span class="author">Kim Park</span></div>""").author());
    }

    @Test
    void itempropNameOutsideAnAuthorIsNotTheAuthor() {
      assertEquals("Sam Roe", page("""
          <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Kettle</span></div>
          <p><span itemprop="author" itemscope><b itemprop="name">Sam Roe</b></span></p>""").author());
    }

    @Test
    void metaWinsOverByline() {
      assertEquals("Jane Doe",
          page("<meta name=\"author\" content=\"Jane Doe\"><div class=\"byline\">By Kim Park</div>").author());
    }

    @Test
    void noneIsNull() {
      assertNull(page("<p>Anonymous text</p>").author());
    }
  }

  @Nested
  class PublishedTime {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        2024-03-05T10:15:00+02:00       | 2024-03-05T08:15:00Z
        2024-03-05T10:15:00-05:00       | 2024-03-05T15:15:00Z
        2024-03-05T10:15:00-0500        | 2024-03-05T15:15:00Z
        2024-03-05T10:15:00.250Z        | 2024-03-05T10:15:00.250Z
        2024-03-05T10:15:00             | 2024-03-05T10:15:00Z
        2024-03-05T10:15                | 2024-03-05T10:15:00Z
        2024-03-05 10:15:00             | 2024-03-05T10:15:00Z
        2024-03-05                      | 2024-03-05T00:00:00Z
        March 5th 2024                  | NULL
        """)
    void articlePublishedTime(String content, String expected) {
      ParsedPage page = page("<meta property=\"article:published_time\" content=\"" + content + "\"><p>x</p>");
      assertEquals(expected == null ? null : Instant.parse(expected), page.publishedTime());
    }

    @Test
    void timeElementDatetime() {
      assertEquals(Instant.parse("2023-11-30T22:30:00Z"),
          page("<article><p>Posted <time datetime=\"2023-11-30T23:30:00+01:00\">last night</time></p></article>").publishedTime());
    }

    @Test
    void itempropDatePublishedMeta() {
      assertEquals(Instant.parse("2022-01-02T00:00:00Z"),
          page("<div itemscope><meta itemprop=\"datePublished\" content=\"2022-01-02\"><p>x</p></div>").publishedTime());
    }

    @Test
    void itempropDatePublishedText() {
      assertEquals(Instant.parse("2021-07-08T09:10:00Z"),
          page("<p>Published <span itemprop=\"datePublished\">\n 2021-07-08 <b>09:10</b>\n</span></p>").publishedTime());
    }

    @Test
    void timeElementTextWithoutDatetime() {
      assertEquals(Instant.parse("2021-07-08T00:00:00Z"), page("<p><time pubdate>2021-07-08</time></p>").publishedTime());
    }

    /** Regression: candidates were taken in document order, so the masthead's date (today's) won. */
    @Test
    void articleDateBeatsAnEarlierDateInThePageHeader() {
      assertEquals(Instant.parse("2020-05-05T00:00:00Z"), page("""
          <header><time datetime="2030-01-01">Today</time></header>
          <article><p>Published <span itemprop="datePublished">2020-05-05</span></p></article>""").publishedTime());
      assertEquals(Instant.parse("2021-02-03T00:00:00Z"), page("""
          <header><time datetime="2030-01-01">Today</time></header>
          <article><h1>Story</h1><time datetime="2021-02-03">3 Feb</time></article>""").publishedTime());
    }

    @Test
    void aTimeIsInsideAnArticleUntilItsOutermostArticleCloses() {
      assertEquals(Instant.parse("2021-02-03T00:00:00Z"), page("""
          <header><time datetime="2030-01-01">Today</time></header>
          <article><article><p>A reply</p></article><time datetime="2021-02-03">3 Feb</time></article>""").publishedTime());
      assertEquals(Instant.parse("2021-02-03T00:00:00Z"), page("""
          <article><h1>Story</h1></article><footer><time datetime="2030-01-01">Today</time></footer>
          <aside><article><time datetime="2021-02-03">3 Feb</time></article></aside>""").publishedTime());
    }

    @Test
    void metaWinsOverTimeElement() {
      assertEquals(Instant.parse("2024-01-01T12:00:00Z"), page("""
          <meta name="pubdate" content="2024-01-01T12:00:00Z">
          <p><time datetime="2020-06-06">older</time></p>""").publishedTime());
    }

    @Test
    void unparseableMetaFallsThroughToTimeElement() {
      assertEquals(Instant.parse("2020-06-06T00:00:00Z"), page("""
          <meta property="article:published_time" content="yesterday">
          <p><time datetime="2020-06-06">older</time></p>""").publishedTime());
    }

    @Test
    void noneIsNull() {
      assertNull(page("<p>Undated</p>").publishedTime());
    }
  }

  @Nested
  class Text {

    @Test
    void invisibleElementsExcluded() {
      ParsedPage page = page("""
          <html><head><title>Not body text</title><style>p { color: red }</style></head><body>
          <script>var x = "script";</script>
          <noscript>Enable JavaScript</noscript>
          <template><p>template</p></template>
          <p hidden>hidden paragraph</p>
          <p>Shown <span style="">inline</span> text</p>
          <select><option>Choice</option></select>
          <button>Click</button>
          </body></html>""");
      assertEquals("Shown inline text", page.text());
    }

    @Test
    void blocksAndBreaksStartNewLinesInlineElementsDoNot() {
      ParsedPage page = page("""
          <div>First <b>bold</b><i>italic</i></div><p>Second<br>Third</p>
          <ul><li>One</li><li>Two</li></ul>
          <h2>Heading</h2>Loose text""");
      assertEquals("First bolditalic\nSecond\nThird\nOne\nTwo\nHeading\nLoose text", page.text());
    }

    @Test
    void entitiesDecoded() {
      assertEquals("Fish & chips \u00a3 5 \u2014 caf\u00e9",
          page("<p>Fish &amp; chips &pound; 5 &mdash; caf&eacute;</p>").text());
    }

    @Test
    void emptyBodyHasNoTextAndNoWords() {
      ParsedPage page = page("<html><head><title>Only a title</title></head><body>  </body></html>");
      assertNull(page.text());
      assertNull(page.mainText());
      assertEquals(0, page.wordCount());
    }
  }

  @Nested
  class MainText {

    @Test
    void pageFurnitureExcludedWithoutArticleOrMain() {
      ParsedPage page = page("""
          <body>
          <header>Site name</header>
          <div role="navigation">Home | About</div>
          <div class="breadcrumbs">Home &gt; News</div>
          <nav>Menu</nav>
          <div class="content"><p>The story itself.</p></div>
          <div id="comments"><p>First!</p></div>
          <div class="comment-list"><p>Second!</p></div>
          <aside>Related</aside>
          <form><p>Sign up</p></form>
          <footer>Legal</footer>
          </body>""");
      assertEquals("The story itself.", page.mainText());
      assertEquals(3, page.wordCount());
    }

    @Test
    void mainElementChosenWhenThereIsNoArticle() {
      ParsedPage page = page("<div>Outside main</div><main><p>Inside main</p></main><div>Also outside</div>");
      assertEquals("Inside main", page.mainText());
    }

    @Test
    void roleMainChosenWhenThereIsNoArticle() {
      assertEquals("Inside", page("<div>Outside</div><div role=\"main\"><p>Inside</p></div>").mainText());
    }

    @Test
    void largestArticleChosen() {
      ParsedPage page = page("""
          <article><p>Short one.</p></article>
          <article><p>The longest article on the page wins.</p></article>
          <article><p>Medium length one.</p></article>""");
      assertEquals("The longest article on the page wins.", page.mainText());
    }

    @Test
    void nestedArticleIsPartOfItsOutermostArticle() {
      ParsedPage page = page("""
          <article><p>Outer intro.</p><article><p>A nested reply that is much longer than anything else.</p></article></article>
          <article><p>A separate, shorter article.</p></article>""");
      assertEquals("Outer intro.\nA nested reply that is much longer than anything else.", page.mainText());
    }

    @Test
    void wordsCountedWithApostrophesAndNumbers() {
      assertEquals(6, page("<main><p>Don't stop \u2014 3 apples, 2 pears!</p></main>").wordCount());
    }
  }

  @Nested
  class MissingHead {

    @Test
    void bareFragmentParses() {
      ParsedPage page = page("<p>Just a paragraph with <a href=\"/x\">a link</a>.</p>");
      assertNull(page.title());
      assertNull(page.description());
      assertNull(page.canonicalUrl());
      assertNull(page.lang());
      assertNull(page.robots());
      assertNull(page.h1());
      assertNull(page.author());
      assertNull(page.publishedTime());
      assertEquals(Map.of(), page.og());
      assertEquals("Just a paragraph with a link.", page.text());
      assertEquals(1, page.links().size());
      assertEquals("https://www.example.com/x", page.links().get(0).dstUrl());
    }

    @Test
    void headElementsWithoutAHeadTag() {
      ParsedPage page = page("<html><title>Headless</title><meta name=\"description\" content=\"Still found\"><h1>Hi</h1></html>");
      assertEquals("Headless", page.title());
      assertEquals("Still found", page.description());
      assertEquals("Hi", page.h1());
      assertEquals("Hi", page.text());
    }
  }

  @Nested
  class Content {

    @Test
    void sha256AndLengthOfTheRawBytes() throws Exception {
      byte[] bytes = "<html><body><p>Digest me</p></body></html>".getBytes(StandardCharsets.UTF_8);
      ParsedPage page = page(bytes, TestPages.fetched("https://www.example.com/"));
      String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertEquals(expected, page.contentSha256());
      assertEquals(64, page.contentSha256().length());
      assertEquals(bytes.length, page.contentLength());
    }

    @Test
    void sha256IncludesTheByteOrderMark() throws Exception {
      byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '<', 'p', '>', 'x'};
      ParsedPage page = page(bytes, FetchMetadata.NONE);
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), page.contentSha256());
      assertEquals(7, page.contentLength());
    }

    @Test
    void truncatedFlagCarriedFromTheRecord() {
      byte[] bytes = "<html><body><p>cut he".getBytes(StandardCharsets.UTF_8);
      PageParser parser = new PageParser();
      ParsedPage cut = (ParsedPage) parser.parse(new RawRecord("s3://raw/a.html", 0, bytes, true, FetchMetadata.NONE));
      ParsedPage whole = (ParsedPage) parser.parse(new RawRecord("s3://raw/a.html", 0, bytes, false, FetchMetadata.NONE));
      assertTrue(cut.truncated());
      assertFalse(whole.truncated());
      assertEquals("cut he", cut.text());
    }
  }

  @Nested
  class FetchFields {

    @Test
    void copiedFromTheFetchMetadata() {
      Instant time = Instant.parse("2024-05-01T06:07:08Z");
      FetchMetadata meta = new FetchMetadata("https://blog.example.co.uk/2024/post", time, 200,
          Map.of("Content-Type", "Text/HTML; charset=UTF-8"));
      ParsedPage page = page("<p>x</p>".getBytes(StandardCharsets.UTF_8), meta);
      assertEquals("https://blog.example.co.uk/2024/post", page.url());
      assertEquals("blog.example.co.uk", page.urlHost());
      assertEquals("example.co.uk", page.urlRegisteredDomain());
      assertEquals(time, page.fetchTime());
      assertEquals(200, page.httpStatus());
      assertEquals("text/html", page.contentType());
    }

    @Test
    void hostAndDomainOfAPageOnAnUnderscoreHost() {
      ParsedPage page = page("<p>x</p>", "https://my_blog.example.com/post");
      assertEquals("my_blog.example.com", page.urlHost());
      assertEquals("example.com", page.urlRegisteredDomain());
    }

    @Test
    void allNullWithoutMetadata() {
      ParsedPage page = page("<p>x</p>".getBytes(StandardCharsets.UTF_8), FetchMetadata.NONE);
      assertNull(page.url());
      assertNull(page.urlHost());
      assertNull(page.urlRegisteredDomain());
      assertNull(page.fetchTime());
      assertNull(page.httpStatus());
      assertNull(page.contentType());
    }
  }

  @Nested
  class PageId {

    private final byte[] html = "<p>x</p>".getBytes(StandardCharsets.UTF_8);
    private final Instant t1 = Instant.parse("2024-05-01T00:00:00Z");
    private final Instant t2 = Instant.parse("2024-05-02T00:00:00Z");

    private String id(String sourceUri, long offset, FetchMetadata meta, byte[] bytes) {
      return ((ParsedPage) new PageParser().parse(new RawRecord(sourceUri, offset, bytes, false, meta))).pageId();
    }

    @Test
    void sameUrlAndTimeGiveTheSameIdWhateverTheSourceOrContent() {
      FetchMetadata meta = TestPages.fetched("https://www.example.com/a", t1);
      assertEquals(id("s3://raw/one.html", 0, meta, html),
          id("s3://raw/two.warc.gz", 4096, meta, "<p>changed</p>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void differentTimeGivesADifferentId() {
      assertNotEquals(id("s", 0, TestPages.fetched("https://www.example.com/a", t1), html),
          id("s", 0, TestPages.fetched("https://www.example.com/a", t2), html));
    }

    @Test
    void differentUrlGivesADifferentId() {
      assertNotEquals(id("s", 0, TestPages.fetched("https://www.example.com/a", t1), html),
          id("s", 0, TestPages.fetched("https://www.example.com/b", t1), html));
    }

    @Test
    void withoutUrlTheSourceAndOffsetDecide() {
      assertEquals(id("s3://raw/one.html", 0, FetchMetadata.NONE, html), id("s3://raw/one.html", 0, FetchMetadata.NONE, html));
      assertNotEquals(id("s3://raw/one.html", 0, FetchMetadata.NONE, html), id("s3://raw/one.html", 1, FetchMetadata.NONE, html));
      assertNotEquals(id("s3://raw/one.html", 0, FetchMetadata.NONE, html), id("s3://raw/two.html", 0, FetchMetadata.NONE, html));
    }

    @Test
    void blankUrlCountsAsNoUrl() {
      assertEquals(id("s3://raw/one.html", 0, FetchMetadata.NONE, html),
          id("s3://raw/one.html", 0, TestPages.fetched("  "), html));
    }

    /** Pins the key layout: page ids join runs across parser versions, so they must never drift. */
    @Test
    void isTheFirst128BitsOfSha256OfTheDocumentedKey() throws Exception {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String withUrl = HexFormat.of().formatHex(sha.digest(
          "url\u0000https://www.example.com/a\u00002024-05-01T00:00:00Z".getBytes(StandardCharsets.UTF_8)), 0, 16);
      String withSource = HexFormat.of().formatHex(sha.digest(
          "src\u0000s3://raw/one.html\u000042".getBytes(StandardCharsets.UTF_8)), 0, 16);
      assertEquals(withUrl, id("s", 0, TestPages.fetched("https://www.example.com/a", t1), html));
      assertEquals(withSource, id("s3://raw/one.html", 42, FetchMetadata.NONE, html));
      assertTrue(withUrl.matches("[0-9a-f]{32}"));
    }
  }
}

package io.htmllake.parsers;

import static io.htmllake.parsers.TestPages.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Outgoing links as the {@code links} table sees them, through {@link PageParser}. */
class LinkExtractionTest {

  private static final String PAGE_URL = "https://www.example.co.uk/guides/start.html";

  private static List<Link> links(String html, String pageUrl) {
    return page(html, pageUrl).links();
  }

  private static List<String> urls(List<Link> links) {
    return links.stream().map(Link::dstUrl).toList();
  }

  @Test
  void relativeLinksResolvedAgainstThePageUrlAndNormalised() {
    List<Link> links = links("""
        <a href="getting-started.html">Next</a>
        <a href="../about/">About</a>
        <a href="/shop/./cart/../items?id=3#reviews">Items</a>
        <a href="?page=2">Page 2</a>
        <a href="//cdn.example.net/lib.js">CDN</a>
        <a href="HTTP://Other.Example.ORG:80/Path/">Other</a>
        <a href="https://www.example.co.uk:443/x">Explicit port</a>
        <a href="https://www.example.org">Bare host</a>
        """, PAGE_URL);
    assertEquals(List.of(
        "https://www.example.co.uk/guides/getting-started.html",
        "https://www.example.co.uk/about/",
        "https://www.example.co.uk/shop/items?id=3",
        "https://www.example.co.uk/guides/start.html?page=2",
        "https://cdn.example.net/lib.js",
        "http://other.example.org/Path/",
        "https://www.example.co.uk/x",
        "https://www.example.org/"), urls(links));
    assertEquals(List.of("www.example.co.uk", "www.example.co.uk", "www.example.co.uk", "www.example.co.uk",
        "cdn.example.net", "other.example.org", "www.example.co.uk", "www.example.org"),
        links.stream().map(Link::dstHost).toList());
  }

  @Test
  void entityEncodedHrefsAndAnchorsDecoded() {
    List<Link> links = links("<a href=\"/search?q=tea&amp;page=2&amp;sort=new\">Tea &amp; biscuits &gt; all</a>", PAGE_URL);
    // Query parameters keep their order: reordering them can change what a link means.
    assertEquals("https://www.example.co.uk/search?q=tea&page=2&sort=new", links.get(0).dstUrl());
    assertEquals("Tea & biscuits > all", links.get(0).anchorText());
  }

  @Test
  void baseHrefUsedForRelativeLinks() {
    List<Link> links = links("""
        <html><head><base href="https://static.example.co.uk/v2/"></head>
        <body><a href="img/a.png">A</a><a href="/root">Root</a><a href="https://www.example.com/abs">Abs</a></body></html>
        """, PAGE_URL);
    assertEquals(List.of("https://static.example.co.uk/v2/img/a.png", "https://static.example.co.uk/root",
        "https://www.example.com/abs"), urls(links));
  }

  @Test
  void relativeBaseHrefResolvedAgainstThePageUrl() {
    List<Link> links = links("<html><head><base href=\"/docs/v3/\"></head><body><a href=\"intro\">Intro</a></body></html>",
        PAGE_URL);
    assertEquals(List.of("https://www.example.co.uk/docs/v3/intro"), urls(links));
  }

  @Test
  void nonHttpLinksDropped() {
    List<Link> links = links("""
        <a href="javascript:void(0)">JS</a>
        <a href="JavaScript:openMenu()">JS upper</a>
        <a href="mailto:editor@example.co.uk">Mail</a>
        <a href="tel:+441234567890">Phone</a>
        <a href="ftp://files.example.co.uk/a.zip">FTP</a>
        <a href="data:text/html,hi">Data</a>
        <a>No href</a>
        <a href="/kept">Kept</a>
        """, PAGE_URL);
    assertEquals(List.of("https://www.example.co.uk/kept"), urls(links));
    assertEquals(0, links.get(0).position());
  }

  /** Regression: fragment-only hrefs resolved to the page URL itself and became self-links. */
  @Test
  void fragmentOnlyLinksDropped() {
    List<Link> links = links("""
        <a href="#top">Top</a>
        <a href=" #section-2 ">Section 2</a>
        <a href="#">Hash</a>
        <a href="other.html#part">Other page, with a fragment</a>
        """, PAGE_URL);
    assertEquals(List.of("https://www.example.co.uk/guides/other.html"), urls(links));
  }

  @Test
  void anchorTextCollapsedAndFallsBackToTitleThenImageAlt() {
    List<Link> links = links("""
        <a href="/a">  Read
           more  </a>
        <a href="/b" title="Title text"></a>
        <a href="/c"><img src="logo.png" alt="  Example   home "></a>
        <a href="/d"><img src="spacer.gif"></a>
        <map><area href="/e" alt="Region" shape="rect" coords="0,0,1,1"></map>
        """, PAGE_URL);
    assertEquals(List.of("https://www.example.co.uk/a", "https://www.example.co.uk/b", "https://www.example.co.uk/c",
        "https://www.example.co.uk/d", "https://www.example.co.uk/e"), urls(links));
    assertEquals("Read more", links.get(0).anchorText());
    assertEquals("Title text", links.get(1).anchorText());
    assertEquals("Example home", links.get(2).anchorText());
    assertNull(links.get(3).anchorText());
    assertEquals("Region", links.get(4).anchorText());
  }

  @Test
  void blockContentInALinkIsSpaceSeparated() {
    List<Link> links = links("<a href=\"/card\"><div>Headline</div><div>Teaser <b>text</b></div></a>", PAGE_URL);
    assertEquals("Headline Teaser text", links.get(0).anchorText());
  }

  @Test
  void linksNestedInSvgKeepTheirOwnText() {
    List<Link> links = links("""
        <svg><a href="/outer"><text>Outer</text><a href="/inner"><text>Inner</text></a><image alt="x"/></a></svg>
        <svg><a href="/icon-only"><a href="/label">Label</a><img alt="Icon"></a></svg>
        <svg><a href="/just-svg"><text>Plain SVG link</text></a></svg>
        """, PAGE_URL);
    assertEquals(List.of("https://www.example.co.uk/outer", "https://www.example.co.uk/inner",
        "https://www.example.co.uk/icon-only", "https://www.example.co.uk/label", "https://www.example.co.uk/just-svg"),
        urls(links));
    assertEquals(List.of("Outer", "Inner"), List.of(links.get(0).anchorText(), links.get(1).anchorText()));
    assertEquals("Label", links.get(3).anchorText());
    assertEquals("Plain SVG link", links.get(4).anchorText());
  }

  @Test
  void relLowerCasedAndNofollowFromNofollowUgcSponsored() {
    List<Link> links = links("""
        <a href="/1" rel="NoFollow">1</a>
        <a href="/2" rel="UGC">2</a>
        <a href="/3" rel="sponsored  noopener">3</a>
        <a href="/4" rel="noopener noreferrer">4</a>
        <a href="/5">5</a>
        <a href="/6" rel="external nofollow">6</a>
        """, PAGE_URL);
    assertEquals(List.of("nofollow", "ugc", "sponsored noopener", "noopener noreferrer"),
        links.subList(0, 4).stream().map(Link::rel).toList());
    assertNull(links.get(4).rel());
    assertEquals(List.of(true, true, true, false, false, true), links.stream().map(Link::nofollow).toList());
  }

  @Test
  void metaRobotsNofollowMakesEveryLinkNofollow() {
    List<Link> links = links("""
        <html><head><meta name="robots" content="noindex, NOFOLLOW"></head>
        <body><a href="/a">A</a><a href="https://www.example.org/" rel="noopener">B</a></body></html>
        """, PAGE_URL);
    assertEquals(2, links.size());
    assertTrue(links.get(0).nofollow());
    assertTrue(links.get(1).nofollow());
  }

  /** Regression: "none" is robots shorthand for "noindex, nofollow" but left links followed. */
  @Test
  void metaRobotsNoneMakesEveryLinkNofollow() {
    List<Link> links = links("<html><head><meta name=\"robots\" content=\"None\"></head><body><a href=\"/a\">A</a></body></html>",
        PAGE_URL);
    assertTrue(links.get(0).nofollow());
  }

  @Test
  void metaRobotsWithoutNofollowLeavesLinksFollowed() {
    List<Link> links = links("<html><head><meta name=\"robots\" content=\"noindex\"></head><body><a href=\"/a\">A</a></body></html>",
        PAGE_URL);
    assertFalse(links.get(0).nofollow());
  }

  @Test
  void internalMeansSameRegisteredDomain() {
    List<Link> links = links("""
        <a href="/local">Same host</a>
        <a href="https://blog.example.co.uk/post">Sibling subdomain</a>
        <a href="http://example.co.uk/">Apex</a>
        <a href="https://example.com/">Other registered domain</a>
        <a href="https://other.co.uk/">Other .co.uk site</a>
        <a href="https://www.example.co.uk.evil.net/">Lookalike</a>
        """, PAGE_URL);
    assertEquals(List.of(true, true, true, false, false, false), links.stream().map(Link::internal).toList());
  }

  /** Regression: java.net.URI has no host for such names, so these links were dropped as unusable. */
  @Test
  void hostsWithUnderscoresAreKept() {
    List<Link> links = links("<a href=\"https://my_blog.example.co.uk/post\">Post</a>", PAGE_URL);
    assertEquals(List.of("https://my_blog.example.co.uk/post"), urls(links));
    assertEquals("my_blog.example.co.uk", links.get(0).dstHost());
    assertEquals(true, links.get(0).internal());
  }

  @Test
  void privateSuffixesSeparateSites() {
    // github.io is on the public suffix list's private section: alice and bob are different sites.
    List<Link> links = links("<a href=\"https://alice.github.io/x\">A</a><a href=\"https://bob.github.io/\">B</a>",
        "https://alice.github.io/");
    assertEquals(List.of(true, false), links.stream().map(Link::internal).toList());
  }

  @Test
  void unknownPageUrlKeepsAbsoluteLinksWithInternalNull() {
    List<Link> links = links("<a href=\"https://www.example.com/a\">A</a><a href=\"/relative\">R</a>", null);
    assertEquals(List.of("https://www.example.com/a"), urls(links));
    assertNull(links.get(0).internal());
  }

  @Test
  void unknownPageUrlWithAbsoluteBaseResolvesRelativeLinks() {
    List<Link> links = links("<html><head><base href=\"https://www.example.com/dir/\"></head><body><a href=\"a\">A</a></body></html>",
        null);
    assertEquals(List.of("https://www.example.com/dir/a"), urls(links));
    assertNull(links.get(0).internal());
  }

  @Test
  void positionsCountKeptLinksInDocumentOrder() {
    List<Link> links = links("""
        <a href="/0">zero</a>
        <a href="mailto:x@example.com">dropped</a>
        <div><p><a href="/1">one</a></p></div>
        <a href="javascript:x()">dropped</a>
        <a href="/2">two</a>
        """, PAGE_URL);
    assertEquals(List.of(0, 1, 2), links.stream().map(Link::position).toList());
    assertEquals(List.of("zero", "one", "two"), links.stream().map(Link::anchorText).toList());
  }

  @Test
  void duplicateTargetsAreSeparateLinks() {
    List<Link> links = links("<a href=\"/same\">first</a><a href=\"/same\">second</a>", PAGE_URL);
    assertEquals(2, links.size());
    assertEquals(links.get(0).dstUrl(), links.get(1).dstUrl());
  }

  @Test
  void noLinks() {
    assertEquals(List.of(), links("<p>Nothing to follow</p>", PAGE_URL));
  }
}

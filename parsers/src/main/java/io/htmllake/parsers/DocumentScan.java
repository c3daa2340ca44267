package io.htmllake.parsers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * One pass over a document's elements that gathers everything the page fields need (meta tags,
 * canonical link, first h1, links, articles, dates, bylines). A jsoup {@code select} walks the whole
 * tree each time; the parser needs about forty of them, so it asks this instead.
 */
final class DocumentScan {

  /** Meta content by lower-case name, property, itemprop and http-equiv (first non-blank value wins). */
  final Map<String, String> metaName = new HashMap<>();
  final Map<String, String> metaProperty = new HashMap<>();
  final Map<String, String> metaItemprop = new HashMap<>();
  final Map<String, String> metaHttpEquiv = new HashMap<>();
  /** og:, twitter: and article: properties in document order. */
  final Map<String, String> social = new LinkedHashMap<>();
  final List<Element> canonicalLinks = new ArrayList<>(1);
  final List<Element> anchors = new ArrayList<>();
  /** Anchors with another anchor inside them: HTML cannot nest links, but SVG and MathML content can. */
  final Set<Element> linksWrappingLinks = Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * Outermost {@code <article>}s: a nested article's text is part of its ancestor's, so it can
   * never be the longest, and measuring each one's text made deep nesting quadratic.
   */
  final List<Element> articles = new ArrayList<>(2);
  /**
   * Elements that may carry the publication date, most trusted first: {@code [itemprop=datePublished]},
   * {@code time[pubdate]}, {@code time[datetime]} inside an {@code <article>}, other
   * {@code time[datetime]}, other {@code time}; each group in document order, each element in its
   * first group only. A dated masthead comes before the article in the document but not here.
   */
  final List<List<Element>> dateElements = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
      new ArrayList<>(), new ArrayList<>());
  private static final int DATE_ITEMPROP = 0;
  private static final int DATE_PUBDATE = 1;
  private static final int DATE_IN_ARTICLE = 2;
  private static final int DATE_DATETIME = 3;
  private static final int DATE_OTHER_TIME = 4;
  /** {@code <script type="application/ld+json">} elements, for the article metadata. */
  final List<Element> jsonLdScripts = new ArrayList<>(1);
  Element firstH1;
  Element main;
  Element itempropAuthor;
  Element relAuthor;
  Element byline;
  Element authorName;
  Element authorClass;
  /** {@code <article>}s open at the element being visited. */
  private int openArticles;
  /** Anchors open at the element being visited, innermost first. */
  private final Deque<Element> openAnchors = new ArrayDeque<>();

  /** A class token naming an author or byline element ("author", "post-author", "entry-meta-author", "c-byline"). */
  private static final Pattern AUTHOR_CLASS = Pattern.compile("(?i)(?:^|\\s)(?:[a-z0-9]+[-_])*(?:author|byline)(?:[-_](?:name|link))?(?:\\s|$)");

  static DocumentScan of(Document doc) {
    DocumentScan scan = new DocumentScan();
    NodeTraversor.traverse(new NodeVisitor() {
      private int visited;

      @Override
      public void head(Node node, int depth) {
        if ((++visited & 1023) == 0) {
          Interruption.check();
        }
        if (node instanceof Element e) {
          scan.visit(e);
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e) {
          scan.leave(e);
        }
      }
    }, doc);
    return scan;
  }

  private void visit(Element e) {
    switch (e.normalName()) {
      case "meta" -> meta(e);
      case "link" -> {
        if (e.hasAttr("href") && hasToken(e.attr("rel"), "canonical")) {
          canonicalLinks.add(e);
        }
      }
      case "a", "area" -> {
        if (e.hasAttr("href")) {
          anchors.add(e);
          if (!openAnchors.isEmpty()) {
            linksWrappingLinks.add(openAnchors.peek());
          }
          openAnchors.push(e);
        }
      }
      case "h1" -> {
        if (firstH1 == null) {
          firstH1 = e;
        }
      }
      case "article" -> {
        if (openArticles++ == 0) {
          articles.add(e);
        }
      }
      case "main" -> {
        if (main == null) {
          main = e;
        }
      }
      case "time" -> dateElements.get(timeGroup(e)).add(e);
      case "script" -> {
        if (e.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
          jsonLdScripts.add(e);
        }
      }
      default -> { }
    }
    if (e.attributesSize() == 0) {
      return;
    }
    String itemprop = e.attr("itemprop");
    if (!itemprop.isEmpty()) {
      if (itemprop.equalsIgnoreCase("datePublished") && !e.normalName().equals("time") && !e.normalName().equals("meta")) {
        dateElements.get(DATE_ITEMPROP).add(e);
      } else if (itempropAuthor == null && itemprop.equalsIgnoreCase("author")) {
        itempropAuthor = e;
      }
    }
    if (relAuthor == null && !e.normalName().equals("link") && hasToken(e.attr("rel"), "author")) {
      relAuthor = e;
    }
    if (main == null && e.attr("role").equalsIgnoreCase("main")) {
      main = e;
    }
    String classes = e.className();
    if (!classes.isEmpty()) {
      if (byline == null && e.hasClass("byline")) {
        byline = e;
      }
      if (authorName == null && e.hasClass("author-name")) {
        authorName = e;
      }
      if (authorClass == null && !e.normalName().equals("body") && !e.normalName().equals("article")
          && AUTHOR_CLASS.matcher(classes).find()) {
        authorClass = e;
      }
    }
  }

  private int timeGroup(Element time) {
    if (time.attr("itemprop").equalsIgnoreCase("datePublished")) {
      return DATE_ITEMPROP;
    }
    if (time.hasAttr("pubdate")) {
      return DATE_PUBDATE;
    }
    if (!time.hasAttr("datetime")) {
      return DATE_OTHER_TIME;
    }
    return openArticles > 0 ? DATE_IN_ARTICLE : DATE_DATETIME;
  }

  private void leave(Element e) {
    switch (e.normalName()) {
      case "article" -> openArticles--;
      case "a", "area" -> {
        if (e.hasAttr("href")) {
          openAnchors.pop();
        }
      }
      default -> { }
    }
  }

  private void meta(Element e) {
    String content = TextExtractor.squash(e.attr("content"));
    if (content == null) {
      return;
    }
    putKey(metaName, e.attr("name"), content);
    putKey(metaProperty, e.attr("property"), content);
    putKey(metaItemprop, e.attr("itemprop"), content);
    putKey(metaHttpEquiv, e.attr("http-equiv"), content);
    String key = (e.hasAttr("property") ? e.attr("property") : e.attr("name")).trim().toLowerCase(Locale.ROOT);
    if (key.startsWith("og:") || key.startsWith("twitter:") || key.startsWith("article:")) {
      social.putIfAbsent(key, content);
    }
  }

  /** The first content of a meta tag with this name, then this property, then this itemprop (all lower case). */
  String meta(String key) {
    String value = metaName.get(key);
    if (value == null) {
      value = metaProperty.get(key);
    }
    return value != null ? value : metaItemprop.get(key);
  }

  private static void putKey(Map<String, String> map, String key, String content) {
    if (!key.isEmpty()) {
      map.putIfAbsent(key.trim().toLowerCase(Locale.ROOT), content);
    }
  }

  static boolean hasToken(String attr, String token) {
    if (attr.isEmpty()) {
      return false;
    }
    for (String t : attr.trim().split("\\s+")) {
      if (t.equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }
}

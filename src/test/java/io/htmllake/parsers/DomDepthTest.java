package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The DOM depth is bounded whatever the nesting of the markup, and the text below the bound is kept. */
class DomDepthTest {

  private static int depth(Element e) {
    int deepest = 0;
    for (Element el : e.getAllElements()) {
      int d = 0;
      for (Element p = el; p != null; p = p.parent()) {
        d++;
      }
      deepest = Math.max(deepest, d);
    }
    return deepest;
  }

  @Test
  void nestingDeeperThanTheBoundIsFlattenedAtIt() {
    String html = "<html><body>" + "<div>".repeat(20_000) + "<p>deep text <a href=\"/deep\">deep link</a></p>";
    Document doc = Jsoup.parse(html, "https://example.com/", PageParser.htmlParser());
    int depth = depth(doc);
    assertTrue(depth <= PageParser.MAX_DOM_DEPTH + 2, "depth " + depth);
    assertTrue(depth >= PageParser.MAX_DOM_DEPTH - 2, "depth " + depth);

    RawRecord record = new RawRecord("file:/deep.html", 0, html.getBytes(StandardCharsets.UTF_8), false,
        new FetchMetadata("https://example.com/deep", null, 200, Map.of()));
    ParsedPage page = assertInstanceOf(ParsedPage.class, new PageParser().parse(record));
    assertTrue(page.text().contains("deep text") && page.text().contains("deep link"), page.text());
    assertEquals(1, page.links().size());
    assertEquals("https://example.com/deep", page.links().get(0).dstUrl());
  }
}

package io.htmllake.parsers;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Outgoing links of a document: {@code <a href>} and {@code <area href>} resolved against the page
 * URL (and {@code <base href>}), kept when they are http(s), normalised.
 */
final class LinkExtractor {

  private LinkExtractor() {}

  /**
   * @param wrappers the anchors with other anchors inside them
   * @param base the page URL or its {@code <base href>}, parsed once ({@link Urls#base}); null when unknown
   */
  static List<Link> extract(List<Element> anchors, Set<Element> wrappers, URL base, String pageDomain,
      boolean pageNofollow) {
    List<Link> links = new ArrayList<>(anchors.size());
    Map<String, String> domains = new HashMap<>();
    for (Element a : anchors) {
      String href = Urls.stripControl(a.attr("href"));
      if (href.startsWith("#")) {
        continue; // a jump within the page: resolving it would turn it into a link to the page itself
      }
      String dst = Urls.normalize(Urls.resolveHttp(base, href));
      if (dst == null) {
        continue; // javascript:, mailto:, fragments, or relative with no known base
      }
      String host = Urls.hostOfNormalized(dst);
      String rel = TextExtractor.squash(a.attr("rel"));
      rel = rel == null ? null : rel.toLowerCase(Locale.ROOT);
      boolean nofollow = pageNofollow || hasToken(rel, "nofollow") || hasToken(rel, "ugc") || hasToken(rel, "sponsored");
      Boolean internal = pageDomain == null ? null
          : Objects.equals(pageDomain, host == null ? null : domains.computeIfAbsent(host, Urls::registeredDomain));
      links.add(new Link(dst, host, anchorText(a, wrappers.contains(a)), rel, nofollow, internal, links.size()));
    }
    return links;
  }

  private static String anchorText(Element a, boolean wrapsLinks) {
    StringBuilder ownText = new StringBuilder();
    Element[] ownImg = {null};
    if (wrapsLinks) {
      // Links nested in this one (possible only in SVG/MathML) keep their text to themselves:
      // measuring it again for every enclosing link made deep nesting quadratic.
      NodeTraversor.filter((node, depth) -> {
        if (node != a && node instanceof Element element && isLink(element)) {
          return NodeFilter.FilterResult.SKIP_ENTIRELY;
        }
        if (node instanceof TextNode textNode) {
          ownText.append(textNode.getWholeText());
        } else if (ownImg[0] == null && node instanceof Element element && element.normalName().equals("img")
            && element.hasAttr("alt")) {
          ownImg[0] = element;
        }
        return NodeFilter.FilterResult.CONTINUE;
      }, a);
    }
    String text = TextExtractor.squash(wrapsLinks ? ownText.toString() : a.text());
    if (text == null) {
      text = TextExtractor.squash(a.attr("title"));
    }
    if (text == null) {
      Element img = wrapsLinks ? ownImg[0] : a.selectFirst("img[alt]");
      text = img == null ? null : TextExtractor.squash(img.attr("alt"));
    }
    if (text == null && a.normalName().equals("area")) {
      text = TextExtractor.squash(a.attr("alt"));
    }
    return text;
  }

  private static boolean isLink(Element element) {
    return (element.normalName().equals("a") || element.normalName().equals("area")) && element.hasAttr("href");
  }

  private static boolean hasToken(String rel, String token) {
    if (rel == null) {
      return false;
    }
    for (String t : rel.split(" ")) {
      if (t.equals(token)) {
        return true;
      }
    }
    return false;
  }
}

package io.htmllake.parsers;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jsoup.nodes.Element;

/**
 * Outgoing links of a document: {@code <a href>} and {@code <area href>} resolved against the page
 * URL (and {@code <base href>}), kept when they are http(s), normalised.
 */
final class LinkExtractor {

  private LinkExtractor() {}

  /** @param base the page URL or its {@code <base href>}, parsed once ({@link Urls#base}); null when unknown */
  static List<Link> extract(List<Element> anchors, URL base, String pageDomain, boolean pageNofollow) {
    List<Link> links = new ArrayList<>(anchors.size());
    Map<String, String> domains = new HashMap<>();
    for (Element a : anchors) {
      String href = Urls.stripControl(a.attr("href"));
      if (href.startsWith("#")) {
        continue; // a jump within the page: resolving it would turn it into a link to the page itself
      }
      String dst = Urls.normalize(Urls.resolve(base, href));
      if (dst == null) {
        continue; // javascript:, mailto:, fragments, or relative with no known base
      }
      String host = Urls.hostOfNormalized(dst);
      String rel = TextExtractor.squash(a.attr("rel"));
      rel = rel == null ? null : rel.toLowerCase(Locale.ROOT);
      boolean nofollow = pageNofollow || hasToken(rel, "nofollow") || hasToken(rel, "ugc") || hasToken(rel, "sponsored");
      Boolean internal = pageDomain == null ? null
          : Objects.equals(pageDomain, host == null ? null : domains.computeIfAbsent(host, Urls::registeredDomain));
      links.add(new Link(dst, host, anchorText(a), rel, nofollow, internal, links.size()));
    }
    return links;
  }

  private static String anchorText(Element a) {
    String text = TextExtractor.squash(a.text());
    if (text == null) {
      text = TextExtractor.squash(a.attr("title"));
    }
    if (text == null) {
      Element img = a.selectFirst("img[alt]");
      text = img == null ? null : TextExtractor.squash(img.attr("alt"));
    }
    if (text == null && a.normalName().equals("area")) {
      text = TextExtractor.squash(a.attr("alt"));
    }
    return text;
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

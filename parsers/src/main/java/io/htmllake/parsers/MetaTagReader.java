package io.htmllake.parsers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * OpenGraph and Twitter card {@code <meta>} tags: one OpenGraph item holding every {@code og:*}
 * (and {@code article:*}, {@code product:*}, {@code fb:*}, ... of the ogp.me namespaces) tag of the
 * page, and one Twitter item holding every {@code twitter:*} tag. Keys are the tag names in lower
 * case ({@code og:image:width}); a name given several times keeps every value, in page order.
 */
final class MetaTagReader {

  /** Prefixes of the ogp.me namespaces, and the namespace each stands for in the item's {@code @context}. */
  private static final Map<String, String> OG_NAMESPACES = Map.ofEntries(
      Map.entry("og", "http://ogp.me/ns#"),
      Map.entry("fb", "http://ogp.me/ns/fb#"),
      Map.entry("article", "http://ogp.me/ns/article#"),
      Map.entry("book", "http://ogp.me/ns/book#"),
      Map.entry("books", "http://ogp.me/ns/books#"),
      Map.entry("business", "http://ogp.me/ns/business#"),
      Map.entry("fitness", "http://ogp.me/ns/fitness#"),
      Map.entry("game", "http://ogp.me/ns/game#"),
      Map.entry("music", "http://ogp.me/ns/music#"),
      Map.entry("place", "http://ogp.me/ns/place#"),
      Map.entry("product", "http://ogp.me/ns/product#"),
      Map.entry("profile", "http://ogp.me/ns/profile#"),
      Map.entry("restaurant", "http://ogp.me/ns/restaurant#"),
      Map.entry("video", "http://ogp.me/ns/video#"));

  private MetaTagReader() {}

  static void read(Document doc, ItemSink sink, int maxTags, int maxValueChars) {
    Map<String, List<String>> og = new LinkedHashMap<>();
    Map<String, List<String>> twitter = new LinkedHashMap<>();
    int tags = 0;
    for (Element meta : doc.getElementsByTag("meta")) {
      String names = meta.hasAttr("property") ? meta.attr("property") : meta.attr("name");
      if (names.isBlank() || names.indexOf(':') < 0) {
        continue;
      }
      String content = meta.hasAttr("content") ? meta.attr("content") : meta.attr("value");
      content = content.strip();
      if (content.length() > maxValueChars) {
        content = content.substring(0, maxValueChars);
      }
      for (String name : names.strip().split("\\s+")) {
        String key = compact(name.toLowerCase(Locale.ROOT));
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1 || ++tags > maxTags) {
          continue;
        }
        String prefix = key.substring(0, colon);
        if (OG_NAMESPACES.containsKey(prefix)) {
          og.computeIfAbsent(key, k -> new ArrayList<>(1)).add(content);
        } else if (prefix.equals("twitter")) {
          twitter.computeIfAbsent(key, k -> new ArrayList<>(1)).add(content);
        }
      }
    }
    if (!og.isEmpty()) {
      ObjectNode item = toJson(og);
      ObjectNode context = item.putObject("@context");
      for (String key : og.keySet()) {
        String prefix = key.substring(0, key.indexOf(':'));
        context.put(prefix, OG_NAMESPACES.get(prefix));
      }
      sink.addAsIs("opengraph", first(og, "og:type"), first(og, "og:url"), item);
    }
    if (!twitter.isEmpty()) {
      sink.addAsIs("twitter", first(twitter, "twitter:card"), null, toJson(twitter));
    }
  }

  /** {@code http://ogp.me/ns#image} → {@code og:image}; anything else unchanged. */
  private static String compact(String name) {
    if (!name.startsWith("http://ogp.me/ns") && !name.startsWith("https://ogp.me/ns")) {
      return name;
    }
    String http = name.startsWith("https") ? "http" + name.substring(5) : name;
    for (Map.Entry<String, String> ns : OG_NAMESPACES.entrySet()) {
      if (http.startsWith(ns.getValue()) && http.length() > ns.getValue().length()) {
        return ns.getKey() + ":" + http.substring(ns.getValue().length());
      }
    }
    return name;
  }

  private static ObjectNode toJson(Map<String, List<String>> tags) {
    ObjectNode item = ItemJson.NODES.objectNode();
    for (Map.Entry<String, List<String>> tag : tags.entrySet()) {
      if (tag.getValue().size() == 1) {
        item.put(tag.getKey(), tag.getValue().get(0));
      } else {
        ArrayNode values = item.putArray(tag.getKey());
        tag.getValue().forEach(values::add);
      }
    }
    return item;
  }

  private static String first(Map<String, List<String>> tags, String key) {
    List<String> values = tags.get(key);
    return values == null || values.get(0).isBlank() ? null : values.get(0);
  }
}

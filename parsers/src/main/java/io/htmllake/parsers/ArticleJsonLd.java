package io.htmllake.parsers;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * The few article fields the page metadata takes from JSON-LD ({@code headline}, {@code author},
 * {@code datePublished}, {@code description}) of the first Article-like item, else of the first item
 * that has a publication date. Deliberately small: the structured_data table has the full reader.
 * Bounded: scripts over 1 MiB and items past the first 10,000 nodes are not read.
 */
final class ArticleJsonLd {

  static final ArticleJsonLd NONE = new ArticleJsonLd(null, null, null, null);

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
          JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .build();
  private static final int MAX_SCRIPT_CHARS = 1 << 20;
  private static final int MAX_NODES = 10_000;
  private static final int MAX_AUTHORS = 10;
  private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting", "reportagenewsarticle",
      "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
      "scholarlyarticle", "techarticle", "report", "liveblogposting", "socialmediaposting", "discussionforumposting",
      "posting", "medicalscholarlyarticle", "satiricalarticle", "advertisertcontentarticle");

  final String headline;
  /** Author names joined with "; ", in the item's order. */
  final String author;
  final String datePublished;
  final String description;

  private ArticleJsonLd(String headline, String author, String datePublished, String description) {
    this.headline = headline;
    this.author = author;
    this.datePublished = datePublished;
    this.description = description;
  }

  static ArticleJsonLd of(List<Element> scripts) {
    JsonNode article = null;
    JsonNode dated = null;
    // Named items by @id, for authors given as references into an @graph (as Yoast writes them).
    Map<String, String> names = new HashMap<>();
    int budget = MAX_NODES;
    for (Element script : scripts) {
      String data = script.data();
      if (data.length() > MAX_SCRIPT_CHARS) {
        continue;
      }
      JsonNode root;
      try {
        root = JSON.readTree(unwrap(data));
      } catch (Exception e) {
        continue; // not JSON: nothing to take from this script
      }
      ArrayDeque<JsonNode> queue = new ArrayDeque<>();
      if (root != null) {
        queue.add(root);
      }
      while (!queue.isEmpty() && budget-- > 0) {
        JsonNode node = queue.poll();
        if (node.isArray()) {
          node.forEach(queue::add);
        } else if (node.isObject()) {
          if (article == null && isArticle(node)) {
            article = node;
          }
          if (dated == null && node.hasNonNull("datePublished")) {
            dated = node;
          }
          String id = text(node.get("@id"));
          String name = text(node.get("name"));
          if (id != null && name != null) {
            names.putIfAbsent(id, name);
          }
          node.forEach(child -> {
            if (child.isContainerNode()) {
              queue.add(child);
            }
          });
        }
      }
    }
    JsonNode item = article != null ? article : dated;
    if (item == null) {
      return NONE;
    }
    String date = text(item.get("datePublished"));
    return new ArticleJsonLd(text(item.get("headline")), authors(item.get("author"), names),
        date != null ? date : text(item.get("dateCreated")), text(item.get("description")));
  }

  private static boolean isArticle(JsonNode node) {
    JsonNode type = node.get("@type");
    if (type == null) {
      return false;
    }
    for (JsonNode t : type.isArray() ? type : List.of(type)) {
      String name = t.asText("");
      int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf(':'));
      if (ARTICLE_TYPES.contains(name.substring(slash + 1).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static String authors(JsonNode author, Map<String, String> namesById) {
    if (author == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (JsonNode a : author.isArray() ? author : List.of(author)) {
      String name = a.isObject() ? text(a.get("name")) : text(a);
      if (name == null && a.isObject() && a.hasNonNull("@id")) {
        name = namesById.get(text(a.get("@id")));
      }
      if (name != null && !name.startsWith("http://") && !name.startsWith("https://") && !names.contains(name)
          && names.size() < MAX_AUTHORS) {
        names.add(name);
      }
    }
    return names.isEmpty() ? null : String.join("; ", names);
  }

  /** A string value (or the first of an array), squashed; null otherwise. */
  private static String text(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isArray()) {
      return value.isEmpty() ? null : text(value.get(0));
    }
    return value.isValueNode() ? TextExtractor.squash(value.asText()) : null;
  }

  /** Drops the HTML comment and CDATA wrappers some pages put around their JSON-LD. */
  private static String unwrap(String data) {
    String s = data.strip();
    if (s.startsWith("<!--")) {
      s = s.substring(4);
    }
    if (s.endsWith("-->")) {
      s = s.substring(0, s.length() - 3);
    }
    s = s.replace("//<![CDATA[", "").replace("//]]>", "").replace("<![CDATA[", "").replace("]]>", "");
    return s;
  }
}

package io.htmllake.parsers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The normal form of an item's JSON (see {@link StructuredDataExtractor}): keys sorted, schema.org
 * types and property IRIs in short form, a one-element array written as its element, and
 * {@code "@context": "https://schema.org"} on the top item when it names schema.org or nothing.
 */
final class ItemJson {

  static final String SCHEMA_ORG = "https://schema.org";

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private ItemJson() {}

  /**
   * @param item an item as parsed or built; not modified
   * @param context the {@code @context} in effect for it (its own, or its container's), or null
   */
  static ObjectNode normalise(ObjectNode item, JsonNode context) {
    ObjectNode out = (ObjectNode) normaliseValue(item);
    out.remove("@context");
    JsonNode ctx = context == null || context.isNull() || isSchemaOrg(context) ? TextNode.valueOf(SCHEMA_ORG) : normaliseValue(context);
    // Sorted: "@context" sorts before every other key ('@' < 'A'), so it is simply put first.
    ObjectNode sorted = NODES.objectNode();
    sorted.set("@context", ctx);
    sorted.setAll(out);
    return sorted;
  }

  /** Like {@link #normalise} but without adding a {@code @context} (OpenGraph and Twitter items bring their own or none). */
  static ObjectNode sortedCopy(ObjectNode item) {
    return (ObjectNode) normaliseValue(item);
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write item JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Recursion depth is bounded by the parser's nesting limit (JSON-LD) or the item depth cap (markup). */
  private static JsonNode normaliseValue(JsonNode value) {
    if (value.isObject()) {
      // Sorted by the written (shortened) name; of two keys that shorten alike the first in the
      // source's order wins.
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        String name = key.startsWith("@") ? key : shortName(key);
        if (!sorted.containsKey(name)) {
          sorted.put(name, key.equals("@type") ? normaliseTypes(field.getValue()) : normaliseValue(field.getValue()));
        }
      }
      ObjectNode out = NODES.objectNode();
      out.setAll(sorted);
      return out;
    }
    if (value.isArray()) {
      if (value.size() == 1) {
        return normaliseValue(value.get(0));
      }
      ArrayNode out = NODES.arrayNode(value.size());
      for (JsonNode v : value) {
        out.add(normaliseValue(v));
      }
      return out;
    }
    return value;
  }

  private static JsonNode normaliseTypes(JsonNode types) {
    if (types.isTextual()) {
      return TextNode.valueOf(shortName(types.textValue().strip()));
    }
    if (types.isArray()) {
      ArrayNode out = NODES.arrayNode(types.size());
      for (JsonNode t : types) {
        out.add(t.isTextual() ? TextNode.valueOf(shortName(t.textValue().strip())) : normaliseValue(t));
      }
      return out.size() == 1 ? out.get(0) : out;
    }
    return normaliseValue(types);
  }

  /** {@code http(s)://schema.org/Product}, {@code schema:Product} → {@code Product}; anything else unchanged. */
  static String shortName(String iri) {
    String lower = iri.length() > 20 ? iri.substring(0, 20).toLowerCase(Locale.ROOT) : iri.toLowerCase(Locale.ROOT);
    int cut = lower.startsWith("https://schema.org/") ? 19
        : lower.startsWith("http://schema.org/") ? 18
        : lower.startsWith("https://www.schema.org/") ? 23
        : lower.startsWith("http://www.schema.org/") ? 22
        : lower.startsWith("schema:") ? 7
        : 0;
    if (cut == 0 || cut >= iri.length()) {
      return iri;
    }
    return iri.substring(cut);
  }

  /** The item's first type in short form, or null. */
  static String firstType(ObjectNode item) {
    JsonNode types = item.get("@type");
    if (types != null && types.isArray() && types.size() > 0) {
      types = types.get(0);
    }
    return types != null && types.isTextual() && !types.textValue().isBlank() ? types.textValue() : null;
  }

  static String id(ObjectNode item) {
    JsonNode id = item.get("@id");
    return id != null && id.isTextual() && !id.textValue().isBlank() ? id.textValue() : null;
  }

  /** {@code "http://schema.org"}, {@code "https://schema.org/"}, {@code {"@vocab": "http://schema.org/"}} and the like. */
  static boolean isSchemaOrg(JsonNode context) {
    if (context.isTextual()) {
      String s = context.textValue().strip().toLowerCase(Locale.ROOT);
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return s.equals("http://schema.org") || s.equals("https://schema.org")
          || s.equals("http://www.schema.org") || s.equals("https://www.schema.org");
    }
    if (context.isObject() && context.size() == 1 && context.has("@vocab")) {
      return isSchemaOrg(context.get("@vocab"));
    }
    if (context.isArray() && context.size() == 1) {
      return isSchemaOrg(context.get(0));
    }
    return false;
  }

  static boolean hasOnlyKeywords(ObjectNode node) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      if (!it.next().startsWith("@")) {
        return false;
      }
    }
    return true;
  }
}

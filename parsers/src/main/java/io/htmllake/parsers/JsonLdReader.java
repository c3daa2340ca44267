package io.htmllake.parsers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * JSON-LD from {@code <script type="application/ld+json">}, read leniently because real sites ship
 * broken JSON: HTML comments and CDATA markers around (or inside) the value, JavaScript comments,
 * trailing commas, raw control characters in strings, single quotes, unquoted keys, several values
 * in one script, junk after the value, HTML entities instead of quotes.
 */
final class JsonLdReader {

  /** JSON-LD that real items use is a few levels deep; deeper input is hostile and is not read. */
  static final int MAX_JSON_DEPTH = 100;

  private static final JsonFactory LENIENT = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
      .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
      .build();

  /** Decimals are read exactly as written ({@code 19.90} stays {@code 19.90}): prices live in these items. */
  private static final ObjectMapper READER = JsonMapper.builder(LENIENT)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private JsonLdReader() {}

  static void read(Document doc, ItemSink sink, int maxSourceChars) {
    int sourceChars = 0;
    for (Element script : doc.getElementsByTag("script")) {
      if (sink.full()) {
        return;
      }
      if (!isJsonLd(script.attr("type"))) {
        continue;
      }
      String source = script.data();
      sourceChars += source.length();
      if (sourceChars > maxSourceChars) {
        return;
      }
      for (JsonNode value : parse(source)) {
        collect(value, null, sink, 0);
      }
    }
  }

  static boolean isJsonLd(String type) {
    String t = type.strip().toLowerCase(Locale.ROOT);
    return t.equals("application/ld+json") || t.startsWith("application/ld+json;");
  }

  /**
   * Every JSON value the script holds, in order: as many as parse before the first error, after
   * markup is removed; if none does, once more after HTML entities are decoded, then after quotes
   * that cannot end a string are escaped.
   */
  static List<JsonNode> parse(String source) {
    String json = stripMarkup(source);
    List<JsonNode> values = readValues(json);
    if (values.isEmpty() && json.indexOf('&') >= 0) {
      json = Parser.unescapeEntities(json, false);
      values = readValues(json);
    }
    if (values.isEmpty() && json.indexOf('"') >= 0) {
      values = readValues(escapeStrayQuotes(json));
    }
    return values;
  }

  /**
   * Escapes a double quote inside a string that is not followed by what may follow a string
   * ({@code , : } ]} or the end), as in {@code "say "hi" now"}. A fallback only: valid JSON never
   * has such a quote.
   */
  static String escapeStrayQuotes(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString && c == '\\' && i + 1 < json.length()) {
        out.append(c).append(json.charAt(++i));
        continue;
      }
      if (c == '"') {
        if (!inString) {
          inString = true;
        } else {
          int next = i + 1;
          while (next < json.length() && Character.isWhitespace(json.charAt(next))) {
            next++;
          }
          if (next < json.length() && ",:}]".indexOf(json.charAt(next)) < 0) {
            out.append('\\');
          } else {
            inString = false;
          }
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static List<JsonNode> readValues(String json) {
    List<JsonNode> values = new ArrayList<>(1);
    try (JsonParser parser = READER.createParser(json)) {
      while (parser.nextToken() != null) {
        values.add(READER.readTree(parser));
      }
    } catch (IOException | RuntimeException e) {
      // Keep the values read before the error: junk after a complete value (a stray brace, a
      // semicolon) must not cost the item. Jackson's stream constraints throw runtime exceptions.
    }
    return values;
  }

  /**
   * Removes, outside JSON strings, HTML comments that hold no JSON ({@code <!-- note -->}), the
   * markers of comments and CDATA sections that wrap the JSON ({@code <!-- {...} -->},
   * {@code <![CDATA[ ... ]]>}), and a byte order mark, so that a comment written inside a string
   * value survives; inside strings, turns JavaScript's hex escapes (backslash, x, two hex digits)
   * into JSON's four-digit unicode escapes.
   */
  static String stripMarkup(String source) {
    if (source.indexOf('<') < 0 && source.indexOf("-->") < 0 && source.indexOf("]]>") < 0
        && source.indexOf("\\x") < 0 && source.indexOf('\uFEFF') < 0) {
      return source;
    }
    StringBuilder out = new StringBuilder(source.length());
    boolean inString = false;
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (inString) {
        if (c == '\\' && i + 3 < n && source.charAt(i + 1) == 'x' && isHex(source.charAt(i + 2)) && isHex(source.charAt(i + 3))) {
          out.append("\\u00").append(source, i + 2, i + 4);
          i += 4;
          continue;
        }
        out.append(c);
        if (c == '\\' && i + 1 < n) {
          out.append(source.charAt(i + 1));
          i += 2;
          continue;
        }
        if (c == '"') {
          inString = false;
        }
        i++;
      } else if (c == '"') {
        inString = true;
        out.append(c);
        i++;
      } else if (c == '\uFEFF') {
        i++;
      } else if (source.startsWith("<!--", i)) {
        int end = source.indexOf("-->", i + 4);
        String body = end < 0 ? source.substring(i + 4) : source.substring(i + 4, end);
        if (body.indexOf('{') >= 0 || body.indexOf('[') >= 0) {
          i += 4; // a wrapper around the JSON: drop the marker, keep the JSON
        } else {
          i = end < 0 ? n : end + 3;
        }
      } else if (source.startsWith("-->", i)) {
        i += 3;
      } else if (source.startsWith("<![CDATA[", i)) {
        i += 9;
      } else if (source.startsWith("]]>", i)) {
        i += 3;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * Top-level items: a script's object, each object of a script's array, each member of an
   * {@code @graph} (with the graph's {@code @context}). Scalars and nulls are not items.
   */
  private static void collect(JsonNode value, JsonNode context, ItemSink sink, int depth) {
    if (depth > 2 || sink.full()) {
      return;
    }
    if (value.isArray()) {
      for (JsonNode member : value) {
        collect(member, context, sink, depth + 1);
      }
      return;
    }
    if (!value.isObject()) {
      return;
    }
    ObjectNode item = (ObjectNode) value;
    JsonNode ownContext = item.get("@context");
    JsonNode effective = ownContext != null ? ownContext : context;
    JsonNode graph = item.get("@graph");
    if (graph != null) {
      collect(graph, effective, sink, depth + 1);
      ObjectNode rest = item.deepCopy();
      rest.remove("@graph");
      rest.remove("@context");
      if (rest.has("@type") || !ItemJson.hasOnlyKeywords(rest)) {
        sink.add("json-ld", rest, effective);
      }
      return;
    }
    if (!item.has("@type") && ItemJson.hasOnlyKeywords(item)) {
      return; // {}, {"@context": ...}, {"@id": ...}: nothing said about anything
    }
    sink.add("json-ld", item, effective);
  }
}

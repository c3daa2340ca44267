package io.htmllake.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses a {@code .meta.json} sidecar: {@code url}, {@code fetched_at} (ISO-8601), {@code status}, {@code headers}. */
public final class Sidecar {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Sidecar() {}

  /** @throws IllegalArgumentException naming what is wrong, when the sidecar is not usable */
  public static FetchMetadata parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return fromJson(root);
  }

  /** Reads the fetch fields shared by sidecars and JSON Lines records. */
  public static FetchMetadata fromJson(JsonNode root) {
    String url = text(root, "url");
    Instant fetchTime = null;
    String fetchedAt = text(root, "fetched_at");
    if (fetchedAt != null) {
      fetchTime = Metadata.parseInstant(fetchedAt);
      if (fetchTime == null) {
        throw new IllegalArgumentException("fetched_at is not an ISO-8601 time (" + fetchedAt + ")");
      }
    }
    Integer status = null;
    JsonNode statusNode = root.get("status");
    if (statusNode != null && !statusNode.isNull()) {
      if (statusNode.canConvertToInt() && statusNode.isIntegralNumber() || statusNode.isTextual() && statusNode.asText().matches("\\d{3}")) {
        status = statusNode.asInt();
      } else {
        throw new IllegalArgumentException("status is not an HTTP status code (" + statusNode + ")");
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode headersNode = root.get("headers");
    if (headersNode != null && headersNode.isObject()) {
      headersNode.fields().forEachRemaining(e -> {
        JsonNode v = e.getValue().isArray() ? e.getValue().path(0) : e.getValue();
        // A JSON null is no value (asText() would make it the string "null").
        String value = v.isValueNode() && !v.isNull() ? v.asText() : null;
        if (value != null) {
          headers.put(e.getKey(), value);
        }
      });
    } else if (headersNode != null && !headersNode.isNull()) {
      throw new IllegalArgumentException("headers is not an object");
    }
    return new FetchMetadata(url, fetchTime, status, headers);
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

package io.htmllake.parsers;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the crawler knew about a fetch. Every field may be missing.
 *
 * @param url the fetched URL, or null
 * @param fetchTime when it was fetched, or null
 * @param httpStatus the HTTP status, or null
 * @param headers response headers with lower-case names (the first value of a repeated header)
 */
public record FetchMetadata(String url, Instant fetchTime, Integer httpStatus, Map<String, String> headers) {

  public static final FetchMetadata NONE = new FetchMetadata(null, null, null, Map.of());

  public FetchMetadata {
    TreeMap<String, String> lower = new TreeMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> {
        if (k != null && v != null) {
          lower.putIfAbsent(k.trim().toLowerCase(Locale.ROOT), v.trim());
        }
      });
    }
    headers = Map.copyOf(lower);
    if (url != null && url.isBlank()) {
      url = null;
    }
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The MIME type of Content-Type, lower case and without parameters, or null. */
  public String mimeType() {
    String contentType = header("content-type");
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String mime = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
    return mime.isEmpty() ? null : mime;
  }
}

package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code .meta.json} sidecars and the {@link FetchMetadata} they become. */
class SidecarTest {

  private static FetchMetadata parse(String json) {
    return Sidecar.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void allFields() {
    FetchMetadata meta = parse("""
        {"url": "https://www.example.com/a", "fetched_at": "2024-05-01T23:59:59Z", "status": 301,
         "headers": {"Location": "https://www.example.com/b"}, "unknown_field": true}""");
    assertEquals("https://www.example.com/a", meta.url());
    assertEquals(Instant.parse("2024-05-01T23:59:59Z"), meta.fetchTime());
    assertEquals(301, meta.httpStatus());
    assertEquals(Map.of("location", "https://www.example.com/b"), meta.headers());
  }

  @Test
  void everyFieldOptional() {
    FetchMetadata meta = parse("{}");
    assertNull(meta.url());
    assertNull(meta.fetchTime());
    assertNull(meta.httpStatus());
    assertEquals(Map.of(), meta.headers());
    assertNull(meta.mimeType());
  }

  @Test
  void nullsAreMissing() {
    FetchMetadata meta = parse("{\"url\": null, \"fetched_at\": null, \"status\": null, \"headers\": null}");
    assertNull(meta.url());
    assertNull(meta.fetchTime());
    assertNull(meta.httpStatus());
  }

  @Test
  void fetchedAtShapes() {
    assertEquals(Instant.parse("2024-05-01T10:30:00Z"), parse("{\"fetched_at\": \"2024-05-01T12:30:00+02:00\"}").fetchTime());
    assertEquals(Instant.parse("2024-05-01T12:30:00Z"), parse("{\"fetched_at\": \"2024-05-01T12:30:00\"}").fetchTime());
    assertEquals(Instant.parse("2024-05-01T00:00:00Z"), parse("{\"fetched_at\": \"2024-05-01\"}").fetchTime());
  }

  @Test
  void statusAsNumberOrThreeDigitString() {
    assertEquals(200, parse("{\"status\": 200}").httpStatus());
    assertEquals(503, parse("{\"status\": \"503\"}").httpStatus());
  }

  @Test
  void blankUrlIsMissing() {
    assertNull(parse("{\"url\": \"  \"}").url());
  }

  @Test
  void headerNamesCaseInsensitiveFirstOfARepeatedNameAndFirstOfAListWin() {
    FetchMetadata meta = parse("""
        {"headers": {"Content-Type": "text/html; charset=utf-8",
                     "content-type": "application/json",
                     "Set-Cookie": ["a=1", "b=2"],
                     " X-Padded ": "  v  ",
                     "X-Empty-List": []}}""");
    assertEquals("text/html; charset=utf-8", meta.header("Content-Type"));
    assertEquals("text/html; charset=utf-8", meta.header("content-type"));
    assertEquals("a=1", meta.header("SET-COOKIE"));
    assertEquals("v", meta.header("x-padded"));
    assertNull(meta.header("x-empty-list"));
    assertEquals("text/html", meta.mimeType());
  }

  /** Regression: a null header value became the four-letter string "null". */
  @Test
  void nullHeaderValuesAreMissing() {
    FetchMetadata meta = parse("{\"headers\": {\"Server\": null, \"Via\": [null, \"proxy\"], \"X-Ok\": \"yes\"}}");
    assertNull(meta.header("server"));
    assertNull(meta.header("via"));
    assertEquals(Map.of("x-ok", "yes"), meta.headers());
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"url\": ")).getMessage().contains("not valid JSON"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("[]")).getMessage().contains("not a JSON object"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"fetched_at\": \"soon\"}")).getMessage()
        .contains("fetched_at"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"status\": \"OK\"}")).getMessage().contains("status"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"headers\": [\"a\"]}")).getMessage()
        .contains("headers"));
  }

  @Test
  void fetchMetadataNormalisesHeaderNamesItself() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "Text/HTML ; charset=UTF-8");
    headers.put("X-Null", null);
    headers.put(null, "no name");
    FetchMetadata meta = new FetchMetadata("https://www.example.com/", null, null, headers);
    assertEquals(Map.of("content-type", "Text/HTML ; charset=UTF-8"), meta.headers());
    assertEquals("text/html", meta.mimeType());
    assertEquals(Map.of(), new FetchMetadata(null, null, null, null).headers());
  }

  @Test
  void mimeTypeOfAnEmptyContentTypeIsNull() {
    assertNull(new FetchMetadata(null, null, null, Map.of("Content-Type", "; charset=utf-8")).mimeType());
  }
}

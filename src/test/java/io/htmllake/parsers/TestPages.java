package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Builds raw records from inline fixtures and runs them through a fresh {@link PageParser}. */
final class TestPages {

  static final String SOURCE = "s3://raw/dt=2024-05-01/site/page.html";

  private TestPages() {}

  static RawRecord record(byte[] bytes, FetchMetadata metadata) {
    return new RawRecord(SOURCE, 0, bytes, false, metadata);
  }

  static FetchMetadata fetched(String url) {
    return new FetchMetadata(url, null, null, Map.of());
  }

  static FetchMetadata fetched(String url, String contentType) {
    return new FetchMetadata(url, null, null, Map.of("Content-Type", contentType));
  }

  static FetchMetadata fetched(String url, Instant time) {
    return new FetchMetadata(url, time, null, Map.of());
  }

  static RecordOutcome outcome(byte[] bytes, FetchMetadata metadata) {
    return new PageParser().parse(record(bytes, metadata));
  }

  static ParsedPage page(byte[] bytes, FetchMetadata metadata) {
    return assertInstanceOf(ParsedPage.class, outcome(bytes, metadata));
  }

  /** Parses UTF-8 HTML fetched from {@code url} (which may be null). */
  static ParsedPage page(String html, String url) {
    return page(html.getBytes(StandardCharsets.UTF_8), fetched(url));
  }

  static ParsedPage page(String html) {
    return page(html, "https://www.example.com/news/story.html");
  }

  static Quarantine quarantined(byte[] bytes) {
    return assertInstanceOf(Quarantine.class, outcome(bytes, FetchMetadata.NONE));
  }

  /** A fixture under {@code src/test/resources/parsers/}. */
  static byte[] resource(String name) {
    try (InputStream in = TestPages.class.getResourceAsStream("/parsers/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("Cannot read fixture: not on the test classpath (parsers/" + name + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

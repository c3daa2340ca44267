package io.htmllake.parsers;

import static io.htmllake.parsers.TestPages.quarantined;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Payloads that are not HTML become quarantine entries with a stable reason, never pages. */
class NotHtmlTest {

  @Test
  void zeroBytesAreEmpty() {
    Quarantine q = quarantined(new byte[0]);
    assertEquals("empty", q.reason());
    assertEquals(Quarantine.Stage.PARSE, q.stage());
    assertEquals(0, q.payloadBytes());
    assertEquals(0, q.payloadHead().length);
  }

  @Test
  void whiteSpaceOnlyIsEmpty() {
    assertEquals("empty", quarantined(" \r\n\t \n".getBytes(StandardCharsets.US_ASCII)).reason());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PNG", "JPEG", "GIF", "PDF", "ZIP", "gzip"})
  void binarySignaturesAreNotHtml(String kind) {
    byte[] magic = switch (kind) {
      case "PNG" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
      case "JPEG" -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
      case "GIF" -> "GIF89a".getBytes(StandardCharsets.US_ASCII);
      case "PDF" -> "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
      case "ZIP" -> new byte[] {'P', 'K', 3, 4};
      case "gzip" -> new byte[] {0x1F, (byte) 0x8B, 8, 0};
      default -> throw new IllegalArgumentException(kind);
    };
    // Followed by something that looks like markup, so only the signature can give it away.
    byte[] bytes = Arrays.copyOf(magic, magic.length + 13);
    System.arraycopy("<html></html>".getBytes(StandardCharsets.US_ASCII), 0, bytes, magic.length, 13);
    Quarantine q = quarantined(bytes);
    assertEquals("not_html", q.reason());
    assertEquals(Quarantine.Stage.PARSE, q.stage());
    assertTrue(q.detail().contains(kind), q.detail());
  }

  @Test
  void controlByteJunkIsNotHtml() {
    // An ELF header: mostly NUL and other control bytes, with a '<' thrown in.
    byte[] bytes = new byte[256];
    bytes[0] = 0x7F;
    bytes[1] = 'E';
    bytes[2] = 'L';
    bytes[3] = 'F';
    bytes[4] = 2;
    bytes[5] = 1;
    bytes[100] = '<';
    Quarantine q = quarantined(bytes);
    assertEquals("not_html", q.reason());
    assertTrue(q.detail().contains("binary"), q.detail());
  }

  @Test
  void textWithoutMarkupIsNotHtml() {
    Quarantine q = quarantined("{\"error\": \"rate limited\", \"retry_after\": 30}".getBytes(StandardCharsets.US_ASCII));
    assertEquals("not_html", q.reason());
    assertTrue(q.detail().contains("no '<'"), q.detail());
  }

  @Test
  void textWithALessThanSignIsGivenAChance() {
    assertInstanceOf(ParsedPage.class, TestPages.outcome("a < b".getBytes(StandardCharsets.US_ASCII), FetchMetadata.NONE));
  }

  @Test
  void quarantineKeepsSourceUrlAndTheFirstKibibyte() {
    byte[] bytes = new byte[3000];
    Arrays.fill(bytes, (byte) 'x');
    FetchMetadata meta = new FetchMetadata("https://www.example.com/feed", null, 200, Map.of());
    Quarantine q = assertInstanceOf(Quarantine.class,
        new PageParser().parse(new RawRecord("s3://raw/dt=2024-05-01/feed.html", 77, bytes, false, meta)));
    assertEquals("s3://raw/dt=2024-05-01/feed.html", q.sourceUri());
    assertEquals(77, q.sourceOffset());
    assertEquals("https://www.example.com/feed", q.url());
    assertEquals(3000, q.payloadBytes());
    assertEquals(1024, q.payloadHead().length);
    assertArrayEquals(Arrays.copyOf(bytes, 1024), q.payloadHead());
  }

  @Test
  void quarantineWithoutUrl() {
    assertNull(quarantined(new byte[0]).url());
  }
}

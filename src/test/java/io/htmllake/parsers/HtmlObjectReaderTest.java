package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** One raw HTML object (plain or gzip) plus its optional sidecar into records to parse. */
class HtmlObjectReaderTest {

  private static final String OBJECT = "s3://raw/dt=2024-05-01/site/page.html";
  private static final String SIDECAR = OBJECT + ".meta.json";
  private static final long LIMIT = 10 * 1024 * 1024;
  private static final byte[] HTML = "<html><head><title>Hello</title></head><body><p>Hi</p></body></html>"
      .getBytes(StandardCharsets.UTF_8);

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static List<ReadItem> read(byte[] object, byte[] sidecar, long limit) throws IOException {
    return HtmlObjectReader.read(OBJECT, new ByteArrayInputStream(object), sidecar == null ? null : SIDECAR, sidecar, limit);
  }

  private static RawRecord onlyRecord(List<ReadItem> items) {
    assertEquals(1, items.size(), items::toString);
    return assertInstanceOf(RawRecord.class, items.get(0));
  }

  /** Text that compresses badly, so a cut gzip stream really is cut mid-data. */
  private static byte[] noisyHtml(int bytes) {
    Random random = new Random(7);
    StringBuilder html = new StringBuilder("<html><body><p>");
    while (html.length() < bytes) {
      html.append((char) ('a' + random.nextInt(26)));
    }
    return html.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void plainObjectWithoutSidecar() throws IOException {
    RawRecord record = onlyRecord(read(HTML, null, LIMIT));
    assertEquals(OBJECT, record.sourceUri());
    assertEquals(0, record.sourceOffset());
    assertArrayEquals(HTML, record.payload());
    assertFalse(record.truncated());
    assertSame(FetchMetadata.NONE, record.metadata());
  }

  @Test
  void gzipDetectedByMagicBytesWhateverTheName() throws IOException {
    // The name ends in .html, not .gz: only the first two bytes (1f 8b) say it is gzip.
    RawRecord record = onlyRecord(read(gzip(HTML), null, LIMIT));
    assertArrayEquals(HTML, record.payload());
    assertFalse(record.truncated());
  }

  @Test
  void plainBytesNamedGzAreReadAsTheyAre() throws IOException {
    List<ReadItem> items = HtmlObjectReader.read("s3://raw/page.html.gz", new ByteArrayInputStream(HTML), null, null, LIMIT);
    assertArrayEquals(HTML, onlyRecord(items).payload());
  }

  @Test
  void truncatedGzipIsQuarantinedAtDecode() throws IOException {
    byte[] gz = gzip(noisyHtml(20_000));
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    List<ReadItem> items = read(cut, null, LIMIT);
    assertEquals(1, items.size());
    Quarantine q = assertInstanceOf(Quarantine.class, items.get(0));
    assertEquals("corrupt_gzip", q.reason());
    assertEquals(Quarantine.Stage.DECODE, q.stage());
    assertEquals(OBJECT, q.sourceUri());
    assertNull(q.url());
  }

  @Test
  void gzipCutInsideItsHeaderIsQuarantined() throws IOException {
    List<ReadItem> items = read(new byte[] {0x1F, (byte) 0x8B, 8}, null, LIMIT);
    assertEquals("corrupt_gzip", assertInstanceOf(Quarantine.class, items.get(0)).reason());
  }

  @Test
  void gzipWithACorruptBodyIsQuarantined() throws IOException {
    byte[] gz = gzip(noisyHtml(5_000));
    for (int i = 20; i < 60; i++) {
      gz[i] = (byte) 0xFF;
    }
    List<ReadItem> items = read(gz, null, LIMIT);
    assertEquals("corrupt_gzip", assertInstanceOf(Quarantine.class, items.get(0)).reason());
  }

  @Test
  void corruptGzipQuarantineCarriesTheSidecarUrl() throws IOException {
    byte[] sidecar = "{\"url\": \"https://www.example.com/cut\"}".getBytes(StandardCharsets.UTF_8);
    byte[] gz = gzip(noisyHtml(20_000));
    List<ReadItem> items = read(Arrays.copyOf(gz, gz.length - 100), sidecar, LIMIT);
    assertEquals(1, items.size());
    assertEquals("https://www.example.com/cut", assertInstanceOf(Quarantine.class, items.get(0)).url());
  }

  @Test
  void plainPayloadOverTheLimitIsCutToExactlyTheLimit() throws IOException {
    byte[] big = noisyHtml(1000);
    RawRecord record = onlyRecord(read(big, null, 256));
    assertTrue(record.truncated());
    assertArrayEquals(Arrays.copyOf(big, 256), record.payload());
  }

  @Test
  void gzipPayloadOverTheLimitIsCutAfterDecompression() throws IOException {
    byte[] big = noisyHtml(200_000);
    RawRecord record = onlyRecord(read(gzip(big), null, 100_000));
    assertTrue(record.truncated());
    assertArrayEquals(Arrays.copyOf(big, 100_000), record.payload());
  }

  @Test
  void truncatedGzipIsNotCorruptWhenTheLimitStopsReadingFirst() throws IOException {
    byte[] big = noisyHtml(200_000);
    byte[] gz = gzip(big);
    RawRecord record = onlyRecord(read(Arrays.copyOf(gz, gz.length - 1000), null, 1000));
    assertTrue(record.truncated());
    assertArrayEquals(Arrays.copyOf(big, 1000), record.payload());
  }

  @Test
  void payloadOfExactlyTheLimitIsNotTruncated() throws IOException {
    RawRecord record = onlyRecord(read(HTML, null, HTML.length));
    assertFalse(record.truncated());
    assertArrayEquals(HTML, record.payload());
  }

  @Test
  void emptyObjectIsAnEmptyRecordThatTheParserQuarantines() throws IOException {
    RawRecord record = onlyRecord(read(new byte[0], null, LIMIT));
    assertEquals(0, record.payload().length);
    assertEquals("empty", assertInstanceOf(Quarantine.class, new PageParser().parse(record)).reason());
  }

  @Test
  void nonPositiveLimitIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> read(HTML, null, 0));
  }

  @Test
  void sidecarFieldsBecomeFetchMetadata() throws IOException {
    byte[] sidecar = """
        {"url": "https://www.example.com/page",
         "fetched_at": "2024-05-01T12:30:00+02:00",
         "status": 200,
         "headers": {"Content-Type": "text/html; charset=ISO-8859-1", "X-Cache": ["HIT", "MISS"]}}
        """.getBytes(StandardCharsets.UTF_8);
    FetchMetadata meta = onlyRecord(read(HTML, sidecar, LIMIT)).metadata();
    assertEquals("https://www.example.com/page", meta.url());
    assertEquals(Instant.parse("2024-05-01T10:30:00Z"), meta.fetchTime());
    assertEquals(200, meta.httpStatus());
    assertEquals("text/html; charset=ISO-8859-1", meta.header("content-type"));
    assertEquals("text/html; charset=ISO-8859-1", meta.header("CONTENT-TYPE"));
    assertEquals("text/html", meta.mimeType());
    assertEquals("HIT", meta.header("x-cache"));
  }

  @Test
  void sidecarMetadataReachesTheParsedPage() throws IOException {
    byte[] sidecar = """
        {"url": "https://www.example.com/page", "fetched_at": "2024-05-01T12:30:00Z", "status": "404",
         "headers": {"content-type": "text/html; charset=windows-1251"}}
        """.getBytes(StandardCharsets.UTF_8);
    byte[] html = {'<', 'p', '>', (byte) 0xC4, (byte) 0xE0, '<', '/', 'p', '>'};
    ParsedPage page = assertInstanceOf(ParsedPage.class, new PageParser().parse(onlyRecord(read(html, sidecar, LIMIT))));
    assertEquals("https://www.example.com/page", page.url());
    assertEquals(Instant.parse("2024-05-01T12:30:00Z"), page.fetchTime());
    assertEquals(404, page.httpStatus());
    assertEquals("windows-1251", page.charset());
    assertEquals(CharsetSource.HTTP, page.charsetSource());
    assertEquals("\u0414\u0430", page.text());
  }

  @Test
  void badSidecarJsonIsQuarantinedAndThePageStillRead() throws IOException {
    byte[] sidecar = "{\"url\": \"https://www.example.com/page\", ".getBytes(StandardCharsets.UTF_8);
    List<ReadItem> items = read(HTML, sidecar, LIMIT);
    assertEquals(2, items.size());
    Quarantine q = assertInstanceOf(Quarantine.class, items.get(0));
    assertEquals("bad_sidecar", q.reason());
    assertEquals(Quarantine.Stage.READ, q.stage());
    assertEquals(SIDECAR, q.sourceUri());
    assertEquals(sidecar.length, q.payloadBytes());
    assertArrayEquals(sidecar, q.payloadHead());
    assertTrue(q.detail().contains(OBJECT), q.detail());
    RawRecord record = assertInstanceOf(RawRecord.class, items.get(1));
    assertArrayEquals(HTML, record.payload());
    assertSame(FetchMetadata.NONE, record.metadata());
  }

  @Test
  void unusableSidecarFieldsAreQuarantinedToo() throws IOException {
    for (String json : List.of("[1, 2]", "\"just a string\"", "{\"fetched_at\": \"last Tuesday\"}",
        "{\"status\": \"OK\"}", "{\"status\": 200.5}", "{\"headers\": \"Content-Type: text/html\"}", "")) {
      List<ReadItem> items = read(HTML, json.getBytes(StandardCharsets.UTF_8), LIMIT);
      assertEquals(2, items.size(), json);
      assertEquals("bad_sidecar", assertInstanceOf(Quarantine.class, items.get(0)).reason(), json);
      assertInstanceOf(RawRecord.class, items.get(1));
    }
  }

  @Test
  void badSidecarWithAGzipPage() throws IOException {
    List<ReadItem> items = read(gzip(HTML), "not json".getBytes(StandardCharsets.UTF_8), LIMIT);
    assertEquals(2, items.size());
    assertEquals("bad_sidecar", assertInstanceOf(Quarantine.class, items.get(0)).reason());
    assertArrayEquals(HTML, assertInstanceOf(RawRecord.class, items.get(1)).payload());
  }
}

package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.Tables;
import io.htmllake.testing.DataFrames;
import io.htmllake.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WARC and JSON Lines input with HTTP semantics, on hand-built files; records reconcile per format. */
class RecordFormatsJobTest {

  private static final String DATE = "2024-05-01";
  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void session() {
    spark = SharedSpark.get();
  }

  // --- building blocks -------------------------------------------------------------------------

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** One WARC record; {@code headers} are extra WARC header lines (each ending in CRLF). */
  static byte[] warcRecord(String type, String headers, byte[] block) {
    String head = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
        + "WARC-Record-ID: <urn:uuid:" + java.util.UUID.nameUUIDFromBytes(block) + ">\r\n" + headers
        + "Content-Length: " + block.length + "\r\n\r\n";
    return concat(bytes(head), block, bytes("\r\n\r\n"));
  }

  static byte[] response(String target, byte[] http) {
    String targetHeader = target == null ? "" : "WARC-Target-URI: " + target + "\r\n";
    return warcRecord("response", targetHeader + "Content-Type: application/http; msgtype=response\r\n", http);
  }

  static byte[] chunked(byte[] body) {
    int half = body.length / 2;
    return concat(bytes(Integer.toHexString(half) + "\r\n"), java.util.Arrays.copyOfRange(body, 0, half), bytes("\r\n"),
        bytes(Integer.toHexString(body.length - half) + "\r\n"), java.util.Arrays.copyOfRange(body, half, body.length),
        bytes("\r\n0\r\n\r\n"));
  }

  static byte[] deflate(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, false))) {
      z.write(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  static String page(String title) {
    return "<html><head><title>" + title + "</title></head><body><p>Body of " + title + " <a href=\"/next\">next</a></p></body></html>";
  }

  private RunResult run(Path raw, Path lake) throws IOException {
    return ParsePagesJob.run(spark, new ParsePagesOptions(raw.toString(), LocalDate.parse(DATE), lake.toString(),
        TableFormat.PARQUET, Tables.PARSE_PAGES, ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES, 1.0, false, List.of("test")));
  }

  /** Rows of a table's date partition; a table with no rows for the date has no partition. */
  private long count(Path lake, String name) {
    return java.nio.file.Files.isDirectory(lake.resolve(name).resolve("dt=" + DATE)) ? table(lake, name).count() : 0;
  }

  private Dataset<Row> table(Path lake, String name) {
    return spark.read().parquet(lake.resolve(name).resolve("dt=" + DATE).toString());
  }

  // --- WARC --------------------------------------------------------------------------------------

  @Test
  void warcRecordsWithHttpSemantics() throws IOException {
    byte[] gzipChunked = concat(bytes("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n"), chunked(FixtureCrawl.gzip(bytes(page("Chunked gzip café")))));
    byte[] deflated = deflate(bytes(page("Deflated")));
    byte[] noReason = concat(bytes("HTTP/1.1 404\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\nContent-Length: "
        + deflated.length + "\r\n\r\n"), deflated);
    byte[] plain = bytes("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Spaces in target"));
    byte[] untargeted = bytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("No target"));
    byte[] image = concat(bytes("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    byte[] redirect = bytes("HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.com/\r\nContent-Type: text/html\r\n"
        + "Content-Length: 0\r\n\r\n");
    byte[] warc = concat(
        warcRecord("warcinfo", "Content-Type: application/warc-fields\r\n", bytes("software: test\r\n")),
        warcRecord("request", "WARC-Target-URI: https://example.com/a\r\nContent-Type: application/http; msgtype=request\r\n",
            bytes("GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n")),
        response("https://example.com/a", gzipChunked),
        response("<https://example.com/b>", noReason),
        response("https://example.com/with space.html", plain),
        response(null, untargeted),
        response("https://example.com/logo.png", image),
        response("https://example.com/old", redirect),
        warcRecord("resource", "WARC-Target-URI: https://example.com/r.html\r\nContent-Type: text/html\r\n", bytes(page("Resource"))),
        warcRecord("metadata", "WARC-Target-URI: https://example.com/a\r\nContent-Type: application/warc-fields\r\n",
            bytes("outlinks: x\r\n")),
        warcRecord("revisit", "WARC-Target-URI: https://example.com/a\r\nWARC-Profile: "
            + "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n", new byte[0]));
    Path raw = tmp.resolve("raw");
    FixtureCrawl.put(raw.resolve("dt=" + DATE + "/crawl.warc"), warc);
    FixtureCrawl.put(raw.resolve("dt=" + DATE + "/crawl-copy.warc.gz"), FixtureCrawl.gzip(warc));
    Path lake = tmp.resolve("lake");
    RunResult result = run(raw, lake);

    // Per file: 11 records = 5 pages + 0 quarantined + 6 skipped (warcinfo, request, png, empty 301, metadata, revisit).
    assertEquals(22, result.counts().read());
    assertEquals(10, result.counts().pages());
    assertEquals(0, result.counts().quarantined());
    assertEquals(Map.of("warc_warcinfo", 2L, "warc_request", 2L, "non_html", 2L, "empty_body", 2L, "warc_metadata", 2L,
        "warc_revisit", 2L), result.counts().skippedByKind());
    assertEquals(result.counts().read(), count(lake, "pages") + count(lake, "quarantine") + result.counts().skipped());

    Dataset<Row> actual = table(lake, "pages").where("source_uri LIKE '%/crawl.warc'")
        .selectExpr("url", "url_host", "http_status", "content_type", "charset", "title", "CAST(fetch_time AS STRING) AS fetch_time");
    StructType schema = StructType.fromDDL("url STRING, url_host STRING, http_status INT, content_type STRING, charset STRING,"
        + " title STRING, fetch_time STRING");
    DataFrames.assertSameRows(DataFrames.fromJson(schema,
        "{\"url\":\"https://example.com/a\",\"url_host\":\"example.com\",\"http_status\":200,\"content_type\":\"text/html\",\"charset\":\"UTF-8\",\"title\":\"Chunked gzip café\",\"fetch_time\":\"2024-05-01 10:00:00\"}",
        "{\"url\":\"https://example.com/b\",\"url_host\":\"example.com\",\"http_status\":404,\"content_type\":\"text/html\",\"charset\":\"windows-1252\",\"title\":\"Deflated\",\"fetch_time\":\"2024-05-01 10:00:00\"}",
        "{\"url\":\"https://example.com/with space.html\",\"url_host\":\"example.com\",\"http_status\":200,\"content_type\":\"text/html\",\"charset\":\"windows-1252\",\"title\":\"Spaces in target\",\"fetch_time\":\"2024-05-01 10:00:00\"}",
        "{\"url\":null,\"url_host\":null,\"http_status\":200,\"content_type\":\"text/html\",\"charset\":\"windows-1252\",\"title\":\"No target\",\"fetch_time\":\"2024-05-01 10:00:00\"}",
        "{\"url\":\"https://example.com/r.html\",\"url_host\":\"example.com\",\"http_status\":null,\"content_type\":\"text/html\",\"charset\":\"windows-1252\",\"title\":\"Resource\",\"fetch_time\":\"2024-05-01 10:00:00\"}"),
        actual);

    // Offsets point at the records: the uncompressed file's pages start where their WARC/1.0 line is.
    for (Row r : table(lake, "pages").where("source_uri LIKE '%/crawl.warc'").select("source_offset", "title").collectAsList()) {
      String at = new String(warc, (int) r.getLong(0), 8, StandardCharsets.US_ASCII);
      assertEquals("WARC/1.0", at, r.getString(1));
    }
    // A link on the page without a target URI cannot be resolved, so it is not a row.
    assertEquals(4 * 2, table(lake, "links").count());
  }

  @Test
  void truncatedGzipWarcKeepsTheRecordsBeforeTheDamage() throws IOException {
    byte[] first = FixtureCrawl.gzip(response("https://example.com/1", bytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("One"))));
    byte[] second = FixtureCrawl.gzip(response("https://example.com/2", bytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Two"))));
    byte[] damaged = concat(first, java.util.Arrays.copyOf(second, second.length / 2));
    Path raw = tmp.resolve("raw");
    FixtureCrawl.put(raw.resolve("dt=" + DATE + "/cut.warc.gz"), damaged);
    Path lake = tmp.resolve("lake");
    RunResult result = run(raw, lake);

    assertEquals(1, result.counts().pages());
    Row q = table(lake, "quarantine").select("reason", "source_offset", "stage").first();
    assertEquals("truncated_warc", q.getString(0));
    assertEquals(first.length, q.getLong(1), "the damage is at the second gzip member");
    assertEquals("read", q.getString(2));
  }

  // --- JSON Lines --------------------------------------------------------------------------------

  @Test
  void jsonLinesRecordsAndBadLines() throws IOException {
    String gzBody = Base64.getEncoder().encodeToString(FixtureCrawl.gzip(bytes(page("Base64 gzip"))));
    String lines = String.join("\n",
        "{\"url\":\"https://example.org/1\",\"fetched_at\":\"2024-05-01T11:00:00Z\",\"status\":200,"
            + "\"headers\":{\"Content-Type\":\"text/html; charset=ISO-8859-1\"},\"html\":\"" + page("Jsön text").replace("\"", "\\\"") + "\"}",
        "{\"url\":\"https://example.org/2\",\"fetched_at\":\"2024-05-01T11:01:00+02:00\",\"status\":\"500\","
            + "\"headers\":{\"content-encoding\":\"gzip\"},\"body_base64\":\"" + gzBody + "\"}",
        "{\"url\": \"https://example.org/3\", \"html\": ",
        "",
        "{\"url\":\"https://example.org/4\",\"status\":200}",
        "{\"url\":\"https://example.org/5\",\"fetched_at\":\"yesterday\",\"html\":\"<p>x</p>\"}",
        "[1, 2, 3]",
        "{\"url\":\"https://example.org/6\",\"html\":\"<p>last line, no newline</p>\"}");
    Path raw = tmp.resolve("raw");
    FixtureCrawl.put(raw.resolve("dt=" + DATE + "/fetches.jsonl"), bytes(lines.replace("\n{\"url\":\"https://example.org/2", "\r\n{\"url\":\"https://example.org/2")));
    FixtureCrawl.put(raw.resolve("dt=" + DATE + "/more.ndjson.gz"), FixtureCrawl.gzip(bytes(
        "{\"url\":\"https://example.org/7\",\"html\":\"<title>Seven</title>\"}\n{\"url\":\"https://example.org/8\",\"html\":\"<title>Eight</title>\"}\n")));
    Path lake = tmp.resolve("lake");
    RunResult result = run(raw, lake);

    // Lines: 7 non-blank in the first file (3 pages + 4 bad) and 2 pages in the second.
    assertEquals(9, result.counts().read());
    assertEquals(5, result.counts().pages());
    assertEquals(Map.of("bad_json_line", 4L), result.counts().quarantineByReason());
    assertEquals(result.counts().read(), count(lake, "pages") + count(lake, "quarantine") + result.counts().skipped());

    Dataset<Row> pages = table(lake, "pages").selectExpr("url", "http_status", "charset", "charset_source", "title",
        "CAST(fetch_time AS STRING) AS fetch_time", "source_offset");
    StructType schema = StructType.fromDDL("url STRING, http_status INT, charset STRING, charset_source STRING, title STRING,"
        + " fetch_time STRING, source_offset BIGINT");
    DataFrames.assertSameRows(DataFrames.fromJson(schema,
        "{\"url\":\"https://example.org/1\",\"http_status\":200,\"charset\":\"UTF-8\",\"charset_source\":\"container\",\"title\":\"Jsön text\",\"fetch_time\":\"2024-05-01 11:00:00\",\"source_offset\":1}",
        "{\"url\":\"https://example.org/2\",\"http_status\":500,\"charset\":\"windows-1252\",\"charset_source\":\"default\",\"title\":\"Base64 gzip\",\"fetch_time\":\"2024-05-01 09:01:00\",\"source_offset\":2}",
        "{\"url\":\"https://example.org/6\",\"http_status\":null,\"charset\":\"UTF-8\",\"charset_source\":\"container\",\"title\":null,\"fetch_time\":null,\"source_offset\":8}",
        "{\"url\":\"https://example.org/7\",\"http_status\":null,\"charset\":\"UTF-8\",\"charset_source\":\"container\",\"title\":\"Seven\",\"fetch_time\":null,\"source_offset\":1}",
        "{\"url\":\"https://example.org/8\",\"http_status\":null,\"charset\":\"UTF-8\",\"charset_source\":\"container\",\"title\":\"Eight\",\"fetch_time\":null,\"source_offset\":2}"),
        pages);

    List<Row> bad = table(lake, "quarantine").orderBy("source_offset").select("source_offset", "detail", "payload_head").collectAsList();
    assertEquals(List.of(3L, 5L, 6L, 7L), bad.stream().map(r -> r.getLong(0)).toList());
    assertTrue(bad.get(0).getString(1).startsWith("line 3: not valid JSON"), bad.get(0).getString(1));
    assertTrue(bad.get(1).getString(1).contains("neither an html string nor a body_base64"), bad.get(1).getString(1));
    assertTrue(bad.get(2).getString(1).contains("fetched_at is not an ISO-8601 time (yesterday)"), bad.get(2).getString(1));
    assertEquals("[1, 2, 3]", new String((byte[]) bad.get(3).get(2), StandardCharsets.UTF_8));
  }

  @Test
  void anOverlongJsonLineIsQuarantinedWithoutReadingItIntoMemory() throws IOException {
    String huge = "{\"url\":\"https://example.org/big\",\"html\":\"" + "x".repeat(3 << 20) + "\"}";
    Path raw = tmp.resolve("raw");
    FixtureCrawl.put(raw.resolve("dt=" + DATE + "/big.jsonl"), bytes(huge + "\n{\"url\":\"https://example.org/ok\",\"html\":\"<p>ok</p>\"}\n"));
    Path lake = tmp.resolve("lake");
    RunResult result = ParsePagesJob.run(spark, new ParsePagesOptions(raw.toString(), LocalDate.parse(DATE), lake.toString(),
        TableFormat.PARQUET, Tables.PARSE_PAGES, 512 << 10, 1.0, false, List.of("test")));
    assertEquals(1, result.counts().pages());
    Row q = table(lake, "quarantine").select("reason", "source_offset", "payload_bytes").first();
    assertEquals("line_too_long", q.getString(0));
    assertEquals(1L, q.getLong(1));
    assertTrue(q.getLong(2) < huge.length(), "reading stops at the line bound: " + q.getLong(2));
    assertNull(table(lake, "pages").select("title").first().get(0));
  }
}

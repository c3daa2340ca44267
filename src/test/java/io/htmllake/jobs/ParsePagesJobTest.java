package io.htmllake.jobs;

import static io.htmllake.jobs.FixtureCrawl.DAY1;
import static io.htmllake.jobs.FixtureCrawl.DAY2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.DataFrames;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** parse-pages end to end in local mode on the hand-written fixture crawl; expectations written by hand. */
class ParsePagesJobTest {

  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void session() {
    spark = SharedSpark.get();
  }

  static ParsePagesOptions options(Path raw, Path lake, String date, TableFormat format, List<TableSchema> tables, long maxPageBytes) {
    return new ParsePagesOptions(raw.toString(), LocalDate.parse(date), lake.toString(), format, tables, maxPageBytes, 0.5,
        false, List.of("test"));
  }

  static ParsePagesOptions options(Path raw, Path lake, String date) {
    return options(raw, lake, date, TableFormat.PARQUET, Tables.PARSE_PAGES, ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES);
  }

  private Dataset<Row> table(Path lake, String table, String date) {
    // Spark infers the dt partition column as a date; the tables define it as a string (as catalogs do).
    return spark.read().parquet(lake.resolve(table).toString()).where("dt = '" + date + "'")
        .withColumn("dt", org.apache.spark.sql.functions.col("dt").cast("string"));
  }

  @Test
  void pagesHaveEveryFieldRight() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1));

    Dataset<Row> actual = table(lake, "pages", DAY1).selectExpr("url", "url_host", "url_registered_domain",
        "CAST(fetch_time AS STRING) AS fetch_time", "http_status", "content_type", "charset", "charset_source", "truncated",
        "title", "description", "canonical_url", "lang", "robots", "h1", "author", "CAST(published_time AS STRING) AS published_time",
        "og", "text", "main_text", "word_count", "outlink_count", "regexp_extract(source_uri, 'dt=.*$', 0) AS source",
        "source_offset", "parser_version", "dt");
    StructType schema = StructType.fromDDL("url STRING, url_host STRING, url_registered_domain STRING, fetch_time STRING,"
        + " http_status INT, content_type STRING, charset STRING, charset_source STRING, truncated BOOLEAN, title STRING,"
        + " description STRING, canonical_url STRING, lang STRING, robots STRING, h1 STRING, author STRING,"
        + " published_time STRING, og MAP<STRING, STRING>, text STRING, main_text STRING, word_count INT, outlink_count INT,"
        + " source STRING, source_offset BIGINT, parser_version STRING, dt STRING");
    Dataset<Row> expected = DataFrames.fromJson(schema,
        """
        {"url":"https://www.example.com/a.html","url_host":"www.example.com","url_registered_domain":"example.com",
         "fetch_time":"2024-03-01 08:00:00","http_status":200,"content_type":"text/html","charset":"UTF-8",
         "charset_source":"http","truncated":false,"title":"Page A","description":"The first page",
         "canonical_url":"https://www.example.com/a.html","lang":"en-gb","robots":null,"h1":"Heading A",
         "author":"Ann Author","published_time":"2024-02-29 22:30:00",
         "og":{"og:title":"A for Open Graph","article:published_time":"2024-02-29T23:30:00+01:00"},
         "text":"Home\\nHeading A\\nFirst paragraph of A.\\nSecond one, see Bee & more or elsewhere.\\nFooter text",
         "main_text":"Heading A\\nFirst paragraph of A.\\nSecond one, see Bee & more or elsewhere.",
         "word_count":13,"outlink_count":3,"source":"dt=2024-03-01/site/a.html","source_offset":0,"parser_version":"1.2.0","dt":"2024-03-01"}
        """.replace("\n", ""),
        """
        {"url":"https://www.example.com/b.html","url_host":"www.example.com","url_registered_domain":"example.com",
         "fetch_time":"2024-03-01 08:05:00","http_status":404,"content_type":"text/html","charset":"windows-1252",
         "charset_source":"meta","truncated":false,"title":"Café B","description":null,"canonical_url":null,"lang":null,
         "robots":null,"h1":null,"author":null,"published_time":null,"og":{},"text":"Not found é","main_text":"Not found é",
         "word_count":3,"outlink_count":0,"source":"dt=2024-03-01/site/b.html.gz","source_offset":0,"parser_version":"1.2.0","dt":"2024-03-01"}
        """.replace("\n", ""),
        """
        {"url":null,"url_host":null,"url_registered_domain":null,"fetch_time":null,"http_status":null,"content_type":null,
         "charset":"windows-1252","charset_source":"default","truncated":false,"title":null,"description":null,
         "canonical_url":null,"lang":null,"robots":null,"h1":"C","author":null,"published_time":null,"og":{},
         "text":"C\\nRelative link.","main_text":"C\\nRelative link.","word_count":3,"outlink_count":1,
         "source":"dt=2024-03-01/deep/er/c.htm","source_offset":0,"parser_version":"1.2.0","dt":"2024-03-01"}
        """.replace("\n", ""));
    DataFrames.assertSameRows(expected, actual);
  }

  @Test
  void pageIdsAndDigestsFollowTheirDefinition() throws Exception {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1));
    Map<String, Row> byUrl = new TreeMap<>();
    for (Row r : table(lake, "pages", DAY1).select("url", "page_id", "content_sha256", "content_length", "source_uri").collectAsList()) {
      byUrl.put(r.isNullAt(0) ? "none" : r.getString(0), r);
    }
    Row a = byUrl.get("https://www.example.com/a.html");
    assertEquals(sha256Hex("url\u0000https://www.example.com/a.html\u00002024-03-01T08:00:00Z").substring(0, 32), a.getString(1));
    byte[] pageA = Files.readAllBytes(raw.resolve("dt=" + DAY1 + "/site/a.html"));
    assertEquals(sha256Hex(pageA), a.getString(2));
    assertEquals(pageA.length, a.getLong(3));
    Row c = byUrl.get("none");
    assertEquals(sha256Hex("src\u0000" + c.getString(4) + "\u00000").substring(0, 32), c.getString(1));
    assertTrue(c.getString(4).endsWith("/dt=2024-03-01/deep/er/c.htm"), c.getString(4));
  }

  @Test
  void linksAreAbsoluteNormalisedAndClassified() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1));
    String pageA = sha256Hex("url\u0000https://www.example.com/a.html\u00002024-03-01T08:00:00Z").substring(0, 32);

    Dataset<Row> actual = table(lake, "links", DAY1)
        .selectExpr("CASE WHEN src_url IS NULL THEN 'page-c' ELSE page_id END AS page", "src_url", "dst_url", "dst_host",
            "anchor_text", "rel", "nofollow", "is_internal", "position", "dt");
    StructType schema = StructType.fromDDL("page STRING, src_url STRING, dst_url STRING, dst_host STRING, anchor_text STRING,"
        + " rel STRING, nofollow BOOLEAN, is_internal BOOLEAN, position INT, dt STRING");
    String a = "\"page\":\"" + pageA + "\",\"src_url\":\"https://www.example.com/a.html\"";
    Dataset<Row> expected = DataFrames.fromJson(schema,
        "{" + a + ",\"dst_url\":\"https://www.example.com/\",\"dst_host\":\"www.example.com\",\"anchor_text\":\"Home\","
            + "\"rel\":null,\"nofollow\":false,\"is_internal\":true,\"position\":0,\"dt\":\"2024-03-01\"}",
        "{" + a + ",\"dst_url\":\"https://www.example.com/b.html\",\"dst_host\":\"www.example.com\",\"anchor_text\":\"Bee & more\","
            + "\"rel\":null,\"nofollow\":false,\"is_internal\":true,\"position\":1,\"dt\":\"2024-03-01\"}",
        "{" + a + ",\"dst_url\":\"https://other.example.org/x\",\"dst_host\":\"other.example.org\",\"anchor_text\":\"elsewhere\","
            + "\"rel\":\"nofollow\",\"nofollow\":true,\"is_internal\":false,\"position\":2,\"dt\":\"2024-03-01\"}",
        "{\"page\":\"page-c\",\"src_url\":null,\"dst_url\":\"https://blog.example.com/dir/page.html\",\"dst_host\":\"blog.example.com\","
            + "\"anchor_text\":\"link\",\"rel\":null,\"nofollow\":false,\"is_internal\":null,\"position\":0,\"dt\":\"2024-03-01\"}");
    DataFrames.assertSameRows(expected, actual);
  }

  @Test
  void structuredDataHasOneRowPerTopLevelItem() throws Exception {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1));
    String pageA = sha256Hex("url\u0000https://www.example.com/a.html\u00002024-03-01T08:00:00Z").substring(0, 32);

    Dataset<Row> actual = table(lake, "structured_data", DAY1).selectExpr("page_id", "url", "syntax", "item_type", "item_id", "dt");
    DataFrames.assertSameRows(DataFrames.fromJson(
        StructType.fromDDL("page_id STRING, url STRING, syntax STRING, item_type STRING, item_id STRING, dt STRING"),
        "{\"page_id\":\"" + pageA + "\",\"url\":\"https://www.example.com/a.html\",\"syntax\":\"json-ld\",\"item_type\":\"Product\",\"item_id\":\"#widget\",\"dt\":\"2024-03-01\"}",
        "{\"page_id\":\"" + pageA + "\",\"url\":\"https://www.example.com/a.html\",\"syntax\":\"opengraph\",\"item_type\":null,\"item_id\":null,\"dt\":\"2024-03-01\"}"),
        actual);
    String json = table(lake, "structured_data", DAY1).where("syntax = 'json-ld'").select("item_json").first().getString(0);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    assertEquals(mapper.readTree("{\"@context\":\"https://schema.org\",\"@id\":\"#widget\",\"@type\":\"Product\",\"name\":\"Widget\","
        + "\"offers\":{\"@type\":\"Offer\",\"price\":\"12.50\",\"priceCurrency\":\"EUR\"}}"), mapper.readTree(json));
  }

  @Test
  void offersAreTypedRowsOfTheProduct() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1));
    Dataset<Row> actual = table(lake, "offers", DAY1).selectExpr("url", "item_type", "name", "CAST(price AS STRING) AS price",
        "currency", "availability", "dt");
    DataFrames.assertSameRows(DataFrames.fromJson(
        StructType.fromDDL("url STRING, item_type STRING, name STRING, price STRING, currency STRING, availability STRING, dt STRING"),
        "{\"url\":\"https://www.example.com/a.html\",\"item_type\":\"Product\",\"name\":\"Widget\",\"price\":\"12.5000\","
            + "\"currency\":\"EUR\",\"availability\":null,\"dt\":\"2024-03-01\"}"),
        actual);
  }

  @Test
  void quarantineAndSkipsAreAccountedFor() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    RunResult result = ParsePagesJob.run(spark, options(raw, lake, DAY1));

    Dataset<Row> actual = table(lake, "quarantine", DAY1)
        .selectExpr("regexp_extract(source_uri, '[^/]+$', 0) AS object", "stage", "reason", "payload_bytes", "length(payload_head) AS head");
    Dataset<Row> expected = DataFrames.fromJson(StructType.fromDDL("object STRING, stage STRING, reason STRING, payload_bytes BIGINT, head INT"),
        "{\"object\":\"broken.html\",\"stage\":\"parse\",\"reason\":\"not_html\",\"payload_bytes\":12,\"head\":12}",
        "{\"object\":\"empty.html\",\"stage\":\"parse\",\"reason\":\"empty\",\"payload_bytes\":0,\"head\":0}");
    DataFrames.assertSameRows(expected, actual);
    assertEquals(Map.of("orphan_sidecar", 1L, "unsupported_object", 1L), result.counts().skippedByKind());
  }

  /** Records read, counted here from the fixture files: every object except the two sidecars read with their pages. */
  @Test
  void recordsReconcileWithTheWrittenTablesAndTheManifest() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    RunResult result = ParsePagesJob.run(spark, options(raw, lake, DAY1));

    long objects;
    try (Stream<Path> files = Files.walk(raw.resolve("dt=" + DAY1))) {
      objects = files.filter(Files::isRegularFile).count();
    }
    long attachedSidecars = 2;
    long recordsRead = objects - attachedSidecars;
    long pages = table(lake, "pages", DAY1).count();
    long quarantine = table(lake, "quarantine", DAY1).count();
    Map<String, Object> manifest = RunManifest.read(spark.sparkContext().hadoopConfiguration(), result.manifestPath());
    @SuppressWarnings("unchecked")
    Map<String, Object> records = (Map<String, Object>) manifest.get("records");
    @SuppressWarnings("unchecked")
    Map<String, Object> rows = (Map<String, Object>) manifest.get("rows");
    long skipped = ((Number) records.get("skipped")).longValue();

    assertEquals(7, recordsRead);
    assertEquals(recordsRead, pages + quarantine + skipped);
    assertEquals(recordsRead, ((Number) records.get("read")).longValue());
    assertEquals(pages, ((Number) rows.get("pages")).longValue());
    assertEquals(quarantine, ((Number) rows.get("quarantine")).longValue());
    assertEquals(table(lake, "links", DAY1).count(), ((Number) rows.get("links")).longValue());
    // Five payloads reach the parser (three pages, the PNG and the empty file), each exactly once.
    assertEquals(5L, ((Number) records.get("parsed")).longValue());
  }

  @Test
  void rerunReplacesOnlyItsDate() throws Exception {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1));
    ParsePagesJob.run(spark, options(raw, lake, DAY2));
    List<Row> firstDay1 = table(lake, "pages", DAY1).drop("dt").collectAsList();
    Map<String, String> day2Files = fingerprint(lake, DAY2);

    ParsePagesJob.run(spark, options(raw, lake, DAY1));

    DataFrames.assertSameRows(spark.createDataFrame(firstDay1, table(lake, "pages", DAY1).drop("dt").schema()),
        table(lake, "pages", DAY1).drop("dt"));
    assertEquals(3, table(lake, "pages", DAY1).count(), "no duplicates after a rerun");
    assertEquals(day2Files, fingerprint(lake, DAY2), "the other date's files are untouched");
    assertEquals(1, table(lake, "pages", DAY2).count());
  }

  @Test
  void rerunWithNoRowsForATableEmptiesThatTablesDate() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1));
    assertEquals(4, table(lake, "links", DAY1).count());

    // The crawl of that day is re-delivered without any links.
    FixtureCrawl.put(raw.resolve("dt=" + DAY1 + "/site/a.html"), "<p>no links now</p>".getBytes(StandardCharsets.UTF_8));
    FixtureCrawl.put(raw.resolve("dt=" + DAY1 + "/deep/er/c.htm"), "<p>none here</p>".getBytes(StandardCharsets.UTF_8));
    ParsePagesJob.run(spark, options(raw, lake, DAY1));

    assertFalse(Files.exists(lake.resolve("links/dt=" + DAY1)), "stale links of the first run must be gone");
    assertEquals(3, table(lake, "pages", DAY1).count());
  }

  @Test
  void longPagesAreTruncatedAtTheLimitAndFlagged() throws IOException {
    Path raw = tmp.resolve("raw");
    String big = "<html><body>" + "<p>lorem ipsum dolor</p>".repeat(500) + "</body></html>";
    FixtureCrawl.put(raw.resolve("dt=" + DAY1 + "/big.html"), big.getBytes(StandardCharsets.UTF_8));
    FixtureCrawl.put(raw.resolve("dt=" + DAY1 + "/small.html"), "<p>tiny</p>".getBytes(StandardCharsets.UTF_8));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1, TableFormat.PARQUET, Tables.PARSE_PAGES, 2048));

    Map<String, Row> rows = new TreeMap<>();
    for (Row r : table(lake, "pages", DAY1).selectExpr("regexp_extract(source_uri, '[^/]+$', 0)", "truncated", "content_length").collectAsList()) {
      rows.put(r.getString(0), r);
    }
    assertTrue(rows.get("big.html").getBoolean(1));
    assertEquals(2048L, rows.get("big.html").getLong(2));
    assertFalse(rows.get("small.html").getBoolean(1));
    assertEquals(11L, rows.get("small.html").getLong(2));
  }

  @Test
  void tablesFlagLimitsWhatIsWrittenButQuarantineAlwaysIs() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1, TableFormat.PARQUET, List.of(Tables.PAGES), ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES));
    assertTrue(Files.isDirectory(lake.resolve("pages/dt=" + DAY1)));
    assertTrue(Files.isDirectory(lake.resolve("quarantine/dt=" + DAY1)));
    assertFalse(Files.exists(lake.resolve("links")));
  }

  @Test
  void jsonFormatWritesTheSameRows() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path parquet = tmp.resolve("parquet");
    Path json = tmp.resolve("json");
    ParsePagesJob.run(spark, options(raw, parquet, DAY1));
    ParsePagesJob.run(spark, options(raw, json, DAY1, TableFormat.JSON, Tables.PARSE_PAGES, ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES));

    try (Stream<Path> files = Files.list(json.resolve("links/dt=" + DAY1))) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".json")));
    }
    StructType links = Tables.LINKS.structType();
    Dataset<Row> fromJson = spark.read().schema(links).json(json.resolve("links/dt=" + DAY1).toString());
    Dataset<Row> fromParquet = spark.read().schema(links).parquet(parquet.resolve("links/dt=" + DAY1).toString());
    DataFrames.assertSameRows(fromParquet, fromJson);
  }

  @Test
  void writtenSchemaIsTheTableDefinition() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    ParsePagesJob.run(spark, options(raw, lake, DAY1));
    for (TableSchema table : Tables.PARSE_PAGES) {
      StructType written = spark.read().parquet(lake.resolve(table.name()).resolve("dt=" + DAY1).toString()).schema();
      // Parquet stores every column as nullable; names, types, order and descriptions must match.
      assertEquals(table.structType().asNullable().json(), written.json(), table.name());
    }
  }

  private static Map<String, String> fingerprint(Path lake, String date) throws Exception {
    Map<String, String> files = new TreeMap<>();
    for (String table : List.of("pages", "links", "quarantine")) {
      Path dir = lake.resolve(table).resolve("dt=" + date);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          files.put(lake.relativize(f).toString(), sha256Hex(Files.readAllBytes(f)) + "@" + Files.getLastModifiedTime(f));
        }
      }
    }
    assertFalse(files.isEmpty());
    return files;
  }

  static String sha256Hex(String s) {
    return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

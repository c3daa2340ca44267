package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.Corpus;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real WARC/ARC files of the corpus through parse-pages: record counts from aut's own tests,
 * expected links and titles from webarchive-commons / ia-web-commons, Common Crawl's WET text, and
 * every malformed file ending in rows plus quarantine. Skipped when the corpus is absent.
 */
class WarcCorpusTest {

  private static final List<String> SETS = List.of("aut", "warcio", "jwarc", "webarchive-commons", "ia-web-commons",
      "commoncrawl-whirlwind");
  private static final String DATE = "2000-01-01";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;
  private static SparkSession spark;
  private static Path lake;
  private static RunResult all;

  @BeforeAll
  static void runAllWarcs() throws IOException {
    Corpus.require("aut");
    spark = SharedSpark.get();
    Path partition = tmp.resolve("raw/dt=" + DATE);
    for (String set : SETS) {
      Path dir = Corpus.require(set);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          FixtureCrawl.put(partition.resolve(set).resolve(dir.relativize(file).toString()), Files.readAllBytes(file));
        }
      }
    }
    lake = tmp.resolve("lake");
    all = run(tmp.resolve("raw"), lake);
  }

  private static RunResult run(Path raw, Path out) throws IOException {
    return ParsePagesJob.run(spark, new ParsePagesOptions(raw.toString(), LocalDate.parse(DATE), out.toString(),
        TableFormat.PARQUET, Tables.PARSE_PAGES, ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES, 1.0, false, List.of("warc-corpus")));
  }

  private static Dataset<Row> table(Path root, String name) {
    return spark.read().parquet(root.resolve(name).resolve("dt=" + DATE).toString());
  }

  private static Dataset<Row> pagesOf(String relative) {
    return table(lake, "pages").where(org.apache.spark.sql.functions.col("source_uri").endsWith("/dt=" + DATE + "/" + relative));
  }

  @Test
  void autExampleWarcHasTheRecordAndPageCountsOfAutsTests() throws IOException {
    Path raw = tmp.resolve("aut-only");
    FixtureCrawl.put(raw.resolve("dt=" + DATE + "/example.warc.gz"),
        Files.readAllBytes(Corpus.require("aut").resolve("warc/example.warc.gz")));
    RunResult result = run(raw, tmp.resolve("aut-lake"));
    JsonNode expected = JSON.readTree(Corpus.require("aut").resolve("EXPECTED_FROM_AUT_TESTS.json").toFile()).get("warc/example.warc.gz");

    // aut counts the capture records (response, resource): all records but the warc_* skips.
    long otherTypes = result.counts().skippedByKind().entrySet().stream().filter(e -> e.getKey().startsWith("warc_"))
        .mapToLong(Map.Entry::getValue).sum();
    assertEquals(expected.get("record_count_excluding_warcinfo").asLong(), result.counts().read() - otherTypes);
    // aut's "valid pages": HTML served with status 200.
    long ok = table(tmp.resolve("aut-lake"), "pages").where("http_status = 200").count();
    assertEquals(expected.get("valid_html_pages(webpages)").get("rows").asLong(), ok);
    // aut's HTML records of any status include redirects whose body is empty; those are skipped here, not pages.
    assertEquals(expected.get("html_records(any status, mime html)").get("rows").asLong(),
        result.counts().pages() + result.counts().skippedByKind().getOrDefault("empty_body", 0L));
    Row first = table(tmp.resolve("aut-lake"), "pages").orderBy("source_offset").select("url", "url_registered_domain").first();
    assertEquals("http://www.archive.org/", first.getString(0));
    assertEquals("archive.org", first.getString(1));
  }

  @Test
  void everyRecordIsAccountedForAndDamageIsQuarantinedNotFatal() {
    ParsePagesJob.Counts c = all.counts();
    assertEquals(c.read(), table(lake, "pages").count() + table(lake, "quarantine").count() + c.skipped());
    assertTrue(c.pages() > 300, "pages: " + c.pages() + " " + c);
    // The deliberately broken files each end in a quarantine row naming the file and offset.
    List<Row> damage = table(lake, "quarantine").select("source_uri", "reason", "source_offset").collectAsList();
    Map<String, String> reasonByFile = new HashMap<>();
    for (Row r : damage) {
      reasonByFile.put(r.getString(0).substring(r.getString(0).indexOf("/dt=" + DATE + "/") + 15), r.getString(1));
    }
    for (String broken : List.of("aut/arc/badexample.arc.gz", "warcio/bad.arc", "warcio/example-trunc.warc")) {
      assertTrue(reasonByFile.containsKey(broken), broken + " not quarantined: " + reasonByFile);
    }
    // ...and what came before the damage was kept.
    // ...and what came before the damage was kept: this file's last record claims more bytes than
    // the file has (its 9 responses are pages; jwarc alone would replay 4 phantom records after them).
    String lying = "ia-web-commons/resource/html/link-extraction-test.warc";
    assertEquals("truncated_warc", reasonByFile.get(lying));
    assertEquals(9, pagesOf(lying).count());
  }

  @Test
  void wgetTargetUrisInAngleBracketsAreStripped() {
    List<Row> urls = pagesOf("aut/warc/issue-514.warc").select("url").collectAsList();
    assertFalse(urls.isEmpty());
    for (Row r : urls) {
      assertTrue(r.getString(0).matches("https?://[^<> ]+"), r.getString(0));
    }
  }

  @Test
  void linksMatchTheExpectedLinksOfWebarchiveCommonsAndIaWebCommons() throws Exception {
    int checked = 0;
    for (String set : List.of("webarchive-commons", "ia-web-commons")) {
      Path expectations = Corpus.require(set).resolve("resource/html/link-extraction-test.expected-links.json");
      for (JsonNode record : JSON.readTree(expectations.toFile()).get("records")) {
        JsonNode target = record.get("warc_target_uri");
        if (target == null || target.isNull()) {
          continue; // the record without a target URI has no base to resolve against
        }
        String pageUrl = target.asText().replaceAll("^<|>$", "");
        String base = pageUrl;
        for (JsonNode link : record.get("links")) {
          if (link.get("path").asText().equals("__base__")) {
            base = link.get("url").asText();
          }
        }
        // The page of this record: the first capture of its URL in this file.
        Row page = pagesOf(set + "/resource/html/link-extraction-test.warc")
            .where(org.apache.spark.sql.functions.col("url").equalTo(pageUrl)).orderBy("source_offset").select("page_id").first();
        List<Row> ours = table(lake, "links").where(org.apache.spark.sql.functions.col("page_id").equalTo(page.getString(0)))
            .orderBy("position").select("dst_url", "anchor_text").collectAsList();
        // A block element inside <a> makes the HTML parser split the link into several <a> elements
        // (as browsers do); their texts, in order, make up the anchor text a streaming parser sees.
        Map<String, String> anchors = new HashMap<>();
        for (Row r : ours) {
          String piece = r.getString(1);
          anchors.merge(r.getString(0), piece == null ? "" : piece, (a, b) -> (a + " " + b).strip());
        }
        for (JsonNode link : record.get("links")) {
          String path = link.get("path").asText();
          String raw = link.get("url").asText();
          if (!(path.equals("A@/href") || path.equals("AREA@/href")) || raw.startsWith("#")) {
            continue;
          }
          URI resolved = URI.create(base).resolve(raw.replace(" ", "%20"));
          String expectedUrl = new URI(resolved.getScheme(), resolved.getRawAuthority() == null ? null : resolved.getAuthority(),
              resolved.getPath().isEmpty() ? "/" : resolved.getPath(), resolved.getQuery(), null).toString();
          assertTrue(anchors.containsKey(expectedUrl), set + " " + pageUrl + ": no link " + expectedUrl + " in " + anchors.keySet());
          if (link.hasNonNull("anchor_text")) {
            assertEquals(link.get("anchor_text").asText(), anchors.get(expectedUrl), expectedUrl);
          }
          checked++;
        }
        if (record.hasNonNull("expected_title")) {
          Row titled = pagesOf(set + "/resource/html/link-extraction-test.warc").where(org.apache.spark.sql.functions.col("url").equalTo(pageUrl))
              .select("title").first();
          assertEquals(record.get("expected_title").asText(), titled.getString(0), pageUrl);
        }
      }
    }
    assertTrue(checked >= 20, "only " + checked + " expected links checked");
  }

  @Test
  void titlesLangsAndRobotsOfIaWebCommonsTests() throws IOException {
    JsonNode expected = JSON.readTree(Corpus.require("ia-web-commons").resolve("resource/html/EXPECTED_OTHER_TESTS.json").toFile());
    Row svg = pagesOf("ia-web-commons/resource/html/title-extraction-embedded-SVG.warc").select("title").first();
    // The expectation carries a note in parentheses after the title itself.
    String title = expected.get("title-extraction-embedded-SVG.warc").get("title").asText().replaceFirst(" \\(an <svg>.*$", "");
    assertEquals(title, svg.getString(0));

    List<String> langs = pagesOf("ia-web-commons/resource/html/html-lang-attribute.warc").orderBy("source_offset")
        .select("lang").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> wanted = new ArrayList<>();
    for (JsonNode r : expected.get("html-lang-attribute.warc").get("records_in_order")) {
      JsonNode lang = r.has("HTML@/lang") ? r.get("HTML@/lang") : r.get("HTML@/xml:lang");
      wanted.add(lang.asText().toLowerCase(java.util.Locale.ROOT));
    }
    assertEquals(wanted, langs);

    Row meta = pagesOf("ia-web-commons/resource/html/meta-itemprop.warc").select("lang", "robots").first();
    assertEquals("en", meta.getString(0));
    assertEquals("index,follow", meta.getString(1));

    String text = pagesOf("ia-web-commons/resource/html/text-extraction-test.warc").select("text").first().getString(0);
    for (JsonNode must : expected.get("text-extraction-test.warc").get("extracted_text_must_not_contain")) {
      assertFalse(text.contains(must.asText()), "text must not contain: " + must.asText());
    }
  }

  @Test
  void commonCrawlRecordTextIsCloseToItsWetText() throws IOException {
    Path dir = Corpus.require("commoncrawl-whirlwind");
    String wet = Files.readString(dir.resolve("whirlwind.warc.wet"), StandardCharsets.UTF_8);
    int start = wet.indexOf("WARC-Type: conversion");
    String body = wet.substring(wet.indexOf("\r\n\r\n", start) + 4);
    int next = body.indexOf("WARC/1.0");
    body = next > 0 ? body.substring(0, next) : body;
    Row page = pagesOf("commoncrawl-whirlwind/whirlwind.warc.gz").select("text", "url").first();
    assertNotNull(page.getString(0));
    double f1 = tokenF1(body, page.getString(0));
    System.out.printf("Common Crawl record %s: token F1 vs WET text = %.3f%n", page.getString(1), f1);
    assertTrue(f1 >= 0.9, "token F1 " + f1);
  }

  /** F1 of the multisets of \w+ tokens (Unicode): the overlap measure the corpus README uses for text. */
  static double tokenF1(String expected, String actual) {
    Map<String, Integer> want = tokens(expected);
    Map<String, Integer> got = tokens(actual);
    long overlap = 0;
    for (Map.Entry<String, Integer> e : got.entrySet()) {
      overlap += Math.min(e.getValue(), want.getOrDefault(e.getKey(), 0));
    }
    long nw = want.values().stream().mapToLong(Integer::longValue).sum();
    long ng = got.values().stream().mapToLong(Integer::longValue).sum();
    double p = ng == 0 ? 0 : (double) overlap / ng;
    double r = nw == 0 ? 0 : (double) overlap / nw;
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static Map<String, Integer> tokens(String s) {
    Map<String, Integer> counts = new HashMap<>();
    Matcher m = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS).matcher(s);
    while (m.find()) {
      counts.merge(m.group().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
    }
    return counts;
  }
}

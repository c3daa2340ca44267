package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.htmllake.testing.HeadlessChromium;
import io.htmllake.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The run report, the metrics line and the deviations, on real runs of parse-pages over the bundled
 * sample crawl (2026-11-20, then 2026-11-21) into a lake that already holds hand-written manifests
 * of three earlier dates (2026-11-17..19). Expectations come from the sample crawl's README, the
 * hand-written manifests and the manifests the runs wrote — never from the report code.
 */
class RunReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of("target", "run-report-test").toAbsolutePath();
  private static final Path LAKE = ROOT.resolve("lake");
  private static final String DAY20 = "2026-11-20";
  private static final String DAY21 = "2026-11-21";

  private static SparkSession spark;
  private static RunResult run20;
  private static RunResult run21;
  private static String stdout;

  @BeforeAll
  static void runs() throws IOException {
    spark = SharedSpark.get();
    deleteRecursively(ROOT);
    // Three earlier dates, as an older parse-pages would have recorded them (no profile).
    handWritten("2026-11-17", 40, Map.of("empty", 1L));
    handWritten("2026-11-18", 36, Map.of("not_html", 2L));
    handWritten("2026-11-19", 44, Map.of("empty", 1L));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Path sample = Path.of("sample-crawl").toAbsolutePath();
      run20 = ParsePagesJob.run(spark, ParsePagesJobTest.options(sample, LAKE, DAY20));
      run21 = ParsePagesJob.run(spark, ParsePagesJobTest.options(sample, LAKE, DAY21));
    } finally {
      System.setOut(original);
    }
    stdout = captured.toString(StandardCharsets.UTF_8);
    original.print(stdout);
  }

  private static void handWritten(String date, long pages, Map<String, Long> quarantine) throws IOException {
    long quarantined = quarantine.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("read", pages + quarantined);
    records.put("pages", pages);
    records.put("quarantined", quarantined);
    records.put("skipped", 0);
    Map<String, Object> m = new LinkedHashMap<>();
    String runId = date.replace("-", "") + "T020000Z-00000000";
    m.put("run_id", runId);
    m.put("job", "parse-pages");
    m.put("date", date);
    m.put("status", "succeeded");
    m.put("records", records);
    m.put("quarantine_by_reason", new TreeMap<>(quarantine));
    Path file = LAKE.resolve("_runs/parse-pages/dt=" + date + "/" + runId + ".json");
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), m);
  }

  @Test
  void reportOfARealRunRendersInChromiumWithChartsMatchingTheManifest() throws Exception {
    Path report = Path.of(run21.reportPath().replaceFirst("^file:", ""));
    assertEquals(Path.of(run21.manifestPath().replaceFirst("\\.json$", ".html")).toAbsolutePath(), report.toAbsolutePath(),
        "the report is written beside the manifest");
    HeadlessChromium.Rendered rendered = HeadlessChromium.render(report, Path.of("target", "run-report.png"),
        ROOT.resolve("chromium"));
    assertEquals(List.of(), rendered.consoleMessages(), "console messages while rendering the report");
    byte[] png = Files.readAllBytes(rendered.screenshot());
    assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot of the report");

    Document dom = Jsoup.parse(rendered.dom());
    JsonNode m = manifest(run21);
    assertTrue(dom.select("script, link, img, iframe, object, [src]").isEmpty(), "self-contained: nothing to load");
    assertEquals("succeeded", dom.getElementById("status").text());

    // Rows per table: one bar per table, its value the rows the manifest states.
    assertEquals(fields(m.get("rows")), bars(dom, "rows"));
    assertEquals(4.0, bars(dom, "rows").get("quarantine"), "the sample crawl's four broken inputs");

    // Quarantine by stage and reason: the sample crawl's README lists exactly these, one record each.
    Map<String, Double> expectedQuarantine = Map.of("read / bad_sidecar", 1.0, "decode / corrupt_gzip", 1.0,
        "parse / empty", 1.0, "parse / not_html", 1.0);
    assertEquals(expectedQuarantine, bars(dom, "quarantine"));
    Map<String, Double> fromManifest = new TreeMap<>();
    m.get("profile").get("quarantine").forEach(q -> fromManifest.put(q.get("stage").asText() + " / " + q.get("reason").asText(),
        q.get("records").asDouble()));
    assertEquals(fromManifest, bars(dom, "quarantine"));
    String examples = dom.select("#quarantine code.example").eachText().toString();
    for (String source : List.of("news/media/gallery-0412.html", "lodging/hotels/hotel-porto-1.html",
        "lodging/hotels/hotel-lisbon-1.html.gz", "university-lab-funds-new-tram-line-amid-budget-worries.html.meta.json")) {
      assertTrue(examples.contains(source), "example source " + source + " in " + examples);
    }

    // Pages per host, charsets and languages: the bars are the manifest's top values.
    assertEquals(distribution(m, "hosts"), bars(dom, "hosts"));
    assertTrue(bars(dom, "hosts").keySet().containsAll(Set.of("stays.example-lodging.com", "news.example.org")));
    assertEquals(distribution(m, "charsets"), bars(dom, "charsets"));
    assertEquals(distribution(m, "charset_sources"), bars(dom, "charset-sources"));
    assertEquals(distribution(m, "languages"), bars(dom, "languages"));
    assertTrue(bars(dom, "languages").keySet().containsAll(Set.of("en", "de", "fr", "ko", "ja")), "the README's languages");

    // Coverage: the share of pages with each field.
    double pages = m.get("profile").get("pages").asDouble();
    assertEquals(m.get("records").get("pages").asDouble(), pages);
    Map<String, Double> coverage = bars(dom, "coverage");
    assertEquals(List.of("main_text", "title", "author", "published_time", "structured_data", "offers"), new ArrayList<>(coverage.keySet()));
    m.get("profile").get("coverage").fields().forEachRemaining(e ->
        assertEquals(e.getValue().asDouble() / pages, coverage.get(e.getKey()), 1e-6, "coverage of " + e.getKey()));

    // Prices: a box per currency, the README's five, with the manifest's five figures.
    Map<String, List<Double>> boxes = new TreeMap<>();
    for (Element g : svg(dom, "prices").select("g.box")) {
      boxes.put(g.attr("data-label"), Stream.of("data-min", "data-p25", "data-median", "data-p75", "data-max")
          .map(a -> Double.parseDouble(g.attr(a))).toList());
    }
    assertEquals(Set.of("USD", "GBP", "EUR", "KRW", "JPY"), boxes.keySet());
    for (JsonNode p : m.get("profile").get("prices")) {
      assertEquals(Stream.of("min", "p25", "median", "p75", "max").map(k -> p.get(k).asDouble()).toList(),
          boxes.get(p.get("currency").asText()), "prices in " + p.get("currency"));
    }

    // Trend: one point per date, the hand-written dates' pages, then the two real runs.
    Map<String, Double> trend = points(dom, "trend-pages");
    Map<String, Double> expectedTrend = new LinkedHashMap<>();
    expectedTrend.put("2026-11-17", 40.0);
    expectedTrend.put("2026-11-18", 36.0);
    expectedTrend.put("2026-11-19", 44.0);
    expectedTrend.put(DAY20, 4.0); // the README: 4 articles on 2026-11-20
    expectedTrend.put(DAY21, m.get("records").get("pages").asDouble());
    assertEquals(expectedTrend, trend);
    assertEquals(new ArrayList<>(expectedTrend.keySet()), new ArrayList<>(trend.keySet()), "oldest date first");
    Map<String, Double> ratios = points(dom, "trend-quarantine-ratio");
    assertEquals(1.0 / 41, ratios.get("2026-11-17"), 1e-6);
    assertEquals(2.0 / 38, ratios.get("2026-11-18"), 1e-6);
    double q = m.get("records").get("quarantined").asDouble();
    assertEquals(q / (q + m.get("records").get("pages").asDouble()), ratios.get(DAY21), 1e-6);
  }

  @Test
  void theBrowserHarnessCatchesConsoleErrors() throws Exception {
    Path page = ROOT.resolve("broken.html");
    Files.createDirectories(ROOT);
    Files.writeString(page, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "script-src 'unsafe-inline'\"></head><body><p>x</p><script>console.error('report-broke'); noSuchFunction();</script>"
        + "<img src=\"http://127.0.0.1:9/x.png\"></body></html>");
    HeadlessChromium.Rendered rendered = HeadlessChromium.render(page, ROOT.resolve("broken.png"), ROOT.resolve("chromium-broken"));
    String console = String.join("\n", rendered.consoleMessages());
    assertTrue(console.contains("report-broke"), console);
    assertTrue(console.contains("noSuchFunction"), console);
    assertTrue(console.contains("x.png"), "a blocked load is a console error too: " + console);
  }

  @Test
  void metricsLineIsValidEmbeddedMetricFormat() throws IOException {
    JsonNode emf = emfLine(DAY21);
    assertEquals(List.of(), EmfSpec.violations(emf));
    JsonNode directive = emf.get("_aws").get("CloudWatchMetrics").get(0);
    assertEquals("htmllake", directive.get("Namespace").asText());
    assertEquals("[[\"job\",\"date\"],[\"job\"]]", directive.get("Dimensions").toString());
    Map<String, String> units = new LinkedHashMap<>();
    directive.get("Metrics").forEach(d -> units.put(d.get("Name").asText(), d.get("Unit").asText()));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("InputObjects", "Count");
    expected.put("InputBytes", "Bytes");
    expected.put("RecordsRead", "Count");
    expected.put("Pages", "Count");
    expected.put("Quarantined", "Count");
    expected.put("Skipped", "Count");
    expected.put("QuarantineRatio", "None");
    expected.put("Rows.pages", "Count");
    expected.put("Rows.links", "Count");
    expected.put("Rows.structured_data", "Count");
    expected.put("Rows.offers", "Count");
    expected.put("Rows.quarantine", "Count");
    expected.put("Duration", "Milliseconds");
    assertEquals(expected, units);
  }

  @Test
  void theSpecificationCheckRejectsBrokenDocuments() throws IOException {
    JsonNode good = emfLine(DAY21);
    ObjectNode badUnit = good.deepCopy();
    ((ObjectNode) badUnit.at("/_aws/CloudWatchMetrics/0/Metrics/0")).put("Unit", "Percentage");
    assertTrue(EmfSpec.violations(badUnit).toString().contains("Unit"), EmfSpec.violations(badUnit).toString());
    ObjectNode numericDimension = good.deepCopy();
    numericDimension.put("date", 20261121);
    assertTrue(EmfSpec.violations(numericDimension).toString().contains("dimension date"));
    ObjectNode missingValue = good.deepCopy();
    missingValue.remove("Pages");
    assertTrue(EmfSpec.violations(missingValue).toString().contains("metric Pages has no root member"));
    ObjectNode secondsTimestamp = good.deepCopy();
    ((ObjectNode) secondsTimestamp.get("_aws")).put("Timestamp", 1_795_000_000L);
    assertTrue(EmfSpec.violations(secondsTimestamp).toString().contains("seconds"));
  }

  @Test
  void metricsLineMatchesTheManifest() throws IOException {
    JsonNode emf = emfLine(DAY21);
    JsonNode m = manifest(run21);
    assertEquals("parse-pages", emf.get("job").asText());
    assertEquals(DAY21, emf.get("date").asText());
    assertEquals(run21.runId(), emf.get("run_id").asText());
    assertEquals(Instant.parse(m.get("finished_at").asText()).toEpochMilli(), emf.get("_aws").get("Timestamp").asLong());
    assertEquals(m.get("input").get("objects").asLong(), emf.get("InputObjects").asLong());
    assertEquals(m.get("input").get("bytes").asLong(), emf.get("InputBytes").asLong());
    assertEquals(m.get("records").get("read").asLong(), emf.get("RecordsRead").asLong());
    assertEquals(m.get("records").get("pages").asLong(), emf.get("Pages").asLong());
    assertEquals(m.get("records").get("quarantined").asLong(), emf.get("Quarantined").asLong());
    assertEquals(m.get("records").get("skipped").asLong(), emf.get("Skipped").asLong());
    assertEquals(3, emf.get("Skipped").asLong(), "the README: two unsupported objects and an orphan sidecar");
    assertEquals(m.get("timings_ms").get("total").asLong(), emf.get("Duration").asLong());
    double q = m.get("records").get("quarantined").asDouble();
    assertEquals(q / (q + m.get("records").get("pages").asDouble()), emf.get("QuarantineRatio").asDouble(), 1e-12);
    m.get("rows").fields().forEachRemaining(e -> assertEquals(e.getValue().asLong(), emf.get("Rows." + e.getKey()).asLong(), e.getKey()));
    assertEquals(m.get("gates").get(1).get("value").asDouble(), emf.get("QuarantineRatio").asDouble(), 1e-12,
        "the same ratio as the quality gate");
  }

  @Test
  void newQuarantineReasonsPageDropsAndRatioJumpsAreHighlighted() throws IOException {
    // 2026-11-20: 4 pages against a median of 40 over 17..19, and nothing quarantined.
    Document day20 = Jsoup.parse(Files.readString(Path.of(run20.reportPath().replaceFirst("^file:", ""))));
    assertEquals(List.of("page_count_drop"), day20.select("[data-deviation]").eachAttr("data-deviation"));
    Element point20 = svg(day20, "trend-pages").selectFirst("circle[data-date=" + DAY20 + "]");
    assertTrue(point20.hasClass("today") && point20.hasClass("deviation"), point20.outerHtml());

    // 2026-11-21: bad_sidecar and corrupt_gzip were never seen before (empty and not_html were),
    // 38 pages is in line, and 4 of 42 quarantined is well above the earlier dates' median ratio.
    Document day21 = Jsoup.parse(Files.readString(Path.of(run21.reportPath().replaceFirst("^file:", ""))));
    List<String> newReasons = day21.select("[data-deviation=new_quarantine_reason]").eachAttr("data-subject");
    assertEquals(List.of("bad_sidecar", "corrupt_gzip"), newReasons);
    assertEquals(1, day21.select("[data-deviation=quarantine_ratio_jump]").size());
    assertTrue(day21.select("[data-deviation=page_count_drop]").isEmpty());
    Set<String> highlighted = new TreeSet<>();
    for (Element bar : svg(day21, "quarantine").select("g.bar.highlight rect")) {
      highlighted.add(bar.attr("data-label"));
    }
    assertEquals(Set.of("read / bad_sidecar", "decode / corrupt_gzip"), highlighted);
    assertEquals(List.of("bad_sidecar", "corrupt_gzip"), day21.select("#quarantine tr.highlight td:eq(1)").eachText());
    assertTrue(svg(day21, "trend-quarantine-ratio").selectFirst("circle[data-date=" + DAY21 + "]").hasClass("deviation"));
    assertFalse(svg(day21, "trend-pages").selectFirst("circle[data-date=" + DAY21 + "]").hasClass("deviation"));
  }

  @Test
  void firstDateHasNothingToCompareWith() {
    Map<String, Object> today = Map.of("records", Map.of("pages", 1L, "quarantined", 5L), "quarantine_by_reason", Map.of("empty", 5L));
    assertEquals(List.of(), Deviations.of(today, List.of()));
  }

  @Test
  void reportCommandRewritesTheLatestRunsReport() throws IOException {
    Path report = Path.of(run21.reportPath().replaceFirst("^file:", ""));
    Files.delete(report);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Cli.commandLine(new HtmlLake()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    assertEquals(0, cli.execute("report", "--output", LAKE.toString(), "--date", DAY21), err.toString());
    assertEquals(report.toUri().getPath(), Path.of(out.toString().trim().replaceFirst("^file:", "")).toUri().getPath());
    assertTrue(Files.readString(report).contains("data-chart=\"quarantine\""));

    assertEquals(4, cli.execute("report", "--output", LAKE.toString(), "--date", "2026-11-22"));
    assertTrue(err.toString().contains("no run of parse-pages for 2026-11-22"), err.toString());
    assertEquals(2, cli.execute("report", "--output", LAKE.toString(), "--date", "21.11.2026"));
    assertTrue(err.toString().contains("--date"), err.toString());
  }

  @Test
  void localRunsShowSparksProgressBar() {
    assertTrue(SparkSessions.showsProgress("local[*]", null));
    assertFalse(SparkSessions.showsProgress("yarn", null));
    assertFalse(SparkSessions.showsProgress("local[2]", "false"), "an explicit setting wins");
  }

  @Test
  void stageLinesAreKeyValuePairs() {
    String line = new StageLog("parse-pages", DAY21, "r1").line("write_pages", 412,
        new LinkedHashMap<>(Map.of("rows", 37L)));
    assertEquals("stage=write_pages job=parse-pages date=2026-11-21 run_id=r1 ms=412 rows=37", line);
    String quoted = new StageLog("parse-pages", DAY21, "r1").line("commit", 5, Map.of("manifest", "/a b/\"c\".json"));
    assertTrue(quoted.endsWith(" manifest=\"/a b/\\\"c\\\".json\""), quoted);
  }

  @Test
  void anUnexpectedFailureNamesItsInput() {
    IllegalStateException e = ParsePartition.failure("s3a://raw/dt=2026-11-21/a.warc.gz", 1234, new NullPointerException("boom"));
    assertEquals("Cannot process s3a://raw/dt=2026-11-21/a.warc.gz (record at offset 1234): unexpected "
        + "java.lang.NullPointerException: boom", e.getMessage());
    assertEquals(e, ParsePartition.failure("other", 1, e), "wrapped once, not once per iterator layer");
  }

  private static JsonNode emfLine(String date) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith("{\"_aws\"")) {
        JsonNode node = JSON.readTree(line);
        if (date.equals(node.path("date").asText())) {
          lines.add(node);
        }
      }
    }
    assertEquals(1, lines.size(), "one metrics line for " + date + " on stdout:\n" + stdout);
    return lines.get(0);
  }

  private static JsonNode manifest(RunResult run) throws IOException {
    return JSON.readTree(Path.of(run.manifestPath().replaceFirst("^file:", "")).toFile());
  }

  private static Map<String, Double> fields(JsonNode object) {
    Map<String, Double> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
    return out;
  }

  private static Map<String, Double> distribution(JsonNode manifest, String key) {
    Map<String, Double> out = new LinkedHashMap<>();
    manifest.get("profile").get(key).get("top").forEach(v -> out.put(v.get("value").asText(), v.get("pages").asDouble()));
    return out;
  }

  private static Element svg(Document dom, String chart) {
    Element svg = dom.selectFirst("svg[data-chart=" + chart + "]");
    assertTrue(svg != null, "chart " + chart + " in the report");
    return svg;
  }

  private static Map<String, Double> bars(Document dom, String chart) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Element rect : svg(dom, chart).select("rect[data-value]")) {
      out.put(rect.attr("data-label"), Double.parseDouble(rect.attr("data-value")));
    }
    return out;
  }

  private static Map<String, Double> points(Document dom, String chart) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Element c : svg(dom, chart).select("circle[data-date]")) {
      out.put(c.attr("data-date"), Double.parseDouble(c.attr("data-value")));
    }
    return out;
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}

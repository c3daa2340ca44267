package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * extract end to end in local mode: the shipped lodging spec on the bundled sample crawl (plus one
 * hotel page without a name), the schema check between runs, and the command line's exit 2 for a
 * bad spec. Expected figures are counted by hand from the sample's pages.
 */
class ExtractJobTest {

  private static final Path LODGING = Path.of("conf/extractors/lodging.yaml");
  private static final String NAMELESS = "https://stays.example-lodging.com/hotels/hotel-nameless-1.html";
  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void session() {
    spark = SharedSpark.get();
  }

  private static ExtractOptions options(Path spec, Path raw, Path lake, String date) throws IOException {
    return options(spec.toString(), Files.readString(spec, StandardCharsets.UTF_8), raw, lake, date);
  }

  private static ExtractOptions options(String file, String text, Path raw, Path lake, String date) {
    return new ExtractOptions(file, text, raw.toString(), LocalDate.parse(date), lake.toString(), TableFormat.PARQUET,
        10L << 20, 0.1, false, List.of("test"));
  }

  /** The sample's 2026-11-21 partition, plus a lodging page whose hotel has no name; 2026-11-20 holds one hotel page. */
  private Path raw() throws IOException {
    Path raw = tmp.resolve("raw");
    Path source = Path.of("sample-crawl/dt=2026-11-21");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = raw.resolve("dt=2026-11-21").resolve(source.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Path nameless = raw.resolve("dt=2026-11-21/lodging/hotels/hotel-nameless-1.html");
    Files.writeString(nameless, "<!DOCTYPE html><html lang=\"en\"><body><p class=\"address\">1 Nowhere Road</p>"
        + "<ul class=\"rooms\"><li class=\"room\"><h3 class=\"room-type\">Single</h3><p class=\"room-price\">€80</p></li></ul>"
        + "</body></html>", StandardCharsets.UTF_8);
    Files.writeString(Path.of(nameless + ".meta.json"), "{\"url\": \"" + NAMELESS + "\", \"fetched_at\": \"2026-11-21T05:00:00Z\", "
        + "\"status\": 200, \"headers\": {\"Content-Type\": \"text/html; charset=utf-8\"}}", StandardCharsets.UTF_8);
    Path day1 = raw.resolve("dt=2026-11-20/hotels");
    Files.createDirectories(day1);
    for (String name : List.of("hotel-berlin-2.html", "hotel-berlin-2.html.meta.json")) {
      Files.copy(source.resolve("lodging/hotels").resolve(name), day1.resolve(name));
    }
    return raw;
  }

  private Dataset<Row> table(Path lake, String table, String date) {
    return spark.read().parquet(lake.resolve(table).toString()).where("dt = '" + date + "'");
  }

  @Test
  void lodgingSpecOnTheSampleCrawl() throws IOException {
    Path raw = raw();
    Path lake = tmp.resolve("lake");

    ExtractResult day1 = ExtractJob.run(spark, options(LODGING, raw, lake, "2026-11-20"));
    assertTrue(day1.passed(), day1.failures().toString());
    assertEquals(Map.of("lodging_rooms_v1", 2L, "lodging_rooms_v1_quarantine", 0L), day1.rowsWritten());

    ExtractResult result = ExtractJob.run(spark, options(LODGING, raw, lake, "2026-11-21"));
    assertTrue(result.passed(), result.failures().toString());
    ExtractJob.Counts c = result.counts();
    // 46 records: 22 lodging pages with a URL (hotels with sidecars, the legacy listing, the 404 and the 301, the
    // nameless hotel), 2 broken lodging pages, the bad news sidecar, 18 other pages (news, 2 hotels without sidecar), 3 objects.
    assertEquals(46, c.read());
    assertEquals(22, c.pages());
    assertEquals(3, c.quarantinedRecords());
    assertEquals(Map.of("not_matched", 18L, "orphan_sidecar", 1L, "unsupported_object", 2L), c.skippedByKind());
    // Rooms counted in the pages' HTML: 51; the nameless hotel's room is quarantined.
    assertEquals(Map.of("lodging_rooms_v1", 51L, "lodging_rooms_v1_quarantine", 4L), result.rowsWritten());
    assertEquals(Map.of("bad_sidecar", 1L, "corrupt_gzip", 1L, "empty", 1L, "missing_required_field", 1L), c.quarantineByReason());

    Dataset<Row> rooms = table(lake, "lodging_rooms_v1", "2026-11-21");
    StructType schema = rooms.schema();
    assertEquals(DataTypes.createDecimalType(18, 4), schema.apply("nightly_price_amount").dataType());
    assertEquals(DataTypes.StringType, schema.apply("nightly_price_currency").dataType());
    assertEquals(DataTypes.createDecimalType(3, 1), schema.apply("rating").dataType());
    assertEquals(DataTypes.IntegerType, schema.apply("review_count").dataType());
    assertEquals(DataTypes.DateType, schema.apply("checkin_date").dataType());
    assertEquals(List.of("page_id", "url", "row_index", "hotel_name", "room_type", "nightly_price_amount", "nightly_price_currency",
        "rating", "review_count", "address", "checkin_date", "book_url", "dt"), List.of(schema.fieldNames()));

    List<Row> berlin = rooms.where("url = 'https://stays.example-lodging.com/hotels/hotel-berlin-2.html'").orderBy("row_index")
        .select("row_index", "hotel_name", "room_type", "nightly_price_amount", "nightly_price_currency", "rating",
            "review_count", "address", "checkin_date", "book_url").collectAsList();
    assertEquals(2, berlin.size());
    Row first = berlin.get(0);
    assertEquals(0, first.getInt(0));
    assertEquals("Hotel am Stadtpark Berlin", first.getString(1));
    assertEquals("Einzelzimmer", first.getString(2));
    assertEquals(new BigDecimal("102.0000"), first.getDecimal(3));
    assertEquals("EUR", first.getString(4));
    assertEquals(new BigDecimal("4.0"), first.getDecimal(5));
    assertEquals(744, first.getInt(6));
    assertEquals("Friedrichstraße 23, 10117 Berlin", first.getString(7));
    assertEquals(java.sql.Date.valueOf("2026-12-13"), first.getDate(8));
    assertEquals("https://stays.example-lodging.com/book?hotel=hotel-berlin-2&room=1", first.getString(9));
    assertEquals("Doppelzimmer Standard", berlin.get(1).getString(2));
    assertEquals(new BigDecimal("122.9000"), berlin.get(1).getDecimal(3));
    // Currencies of every site language: $, £, €, ₩, ¥ and 円 as shown on the pages.
    assertEquals(List.of("EUR", "GBP", "JPY", "KRW", "USD"), rooms.select("nightly_price_currency").distinct()
        .orderBy("nightly_price_currency").collectAsList().stream().map(r -> r.getString(0)).toList());
    // The malformed legacy listing still gives its two rooms and its check-in date from the input field.
    Row legacy = rooms.where("url like '%/legacy/%' and row_index = 1").select("hotel_name", "nightly_price_amount", "checkin_date")
        .first();
    assertEquals("Old Town Guesthouse", legacy.getString(0));
    assertEquals(new BigDecimal("62.0000"), legacy.getDecimal(1));
    assertEquals(java.sql.Date.valueOf("2026-12-05"), legacy.getDate(2));

    Row missing = table(lake, "lodging_rooms_v1_quarantine", "2026-11-21").where("reason = 'missing_required_field'").first();
    assertEquals("extract", missing.getAs("stage"));
    assertEquals(NAMELESS, missing.getAs("url"));
    assertEquals("required field hotel_name is missing in row 0 (table.rooms tr.room, ul.rooms li.room): nothing matches "
        + "css 'h1.hotel-name' attr own_text", missing.getAs("detail"));

    Map<String, Object> manifest = RunManifest.read(spark.sparkContext().hadoopConfiguration(), result.manifestPath());
    assertEquals("succeeded", manifest.get("status"));
    assertEquals(result.fingerprint(), ((Map<?, ?>) manifest.get("spec")).get("fingerprint"));
    assertTrue(Files.exists(lake.resolve("_specs/lodging_rooms_v1.json")));

    // Re-run with one hotel gone: the date is replaced (51 - 2 Berlin rooms), the other date untouched.
    Files.delete(raw.resolve("dt=2026-11-21/lodging/hotels/hotel-berlin-2.html"));
    ExtractResult rerun = ExtractJob.run(spark, options(LODGING, raw, lake, "2026-11-21"));
    assertEquals(49L, rerun.rowsWritten().get("lodging_rooms_v1"));
    assertEquals(49, table(lake, "lodging_rooms_v1", "2026-11-21").count());
    assertEquals(0, table(lake, "lodging_rooms_v1", "2026-11-21").where("url like '%hotel-berlin-2%'").count());
    assertEquals(2, table(lake, "lodging_rooms_v1", "2026-11-20").count());
  }

  @Test
  void aChangeThatIsNotAdditiveNeedsANewVersion() throws IOException {
    Path lake = tmp.resolve("lake");
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    String v1 = "table: books\nversion: 1\nfields:\n  - {name: title, css: h1, required: true}\n  - {name: pages, css: .p, type: int}\n";
    ExtractJob.Plan plan = ExtractJob.plan(conf, options("b.yaml", v1, tmp, lake, "2026-11-21"));
    SpecSchemas.write(conf, SpecSchemas.path(lake.toString(), plan.spec()), plan.schema()); // as a run writes it

    // Additive: a new optional column.
    ExtractJob.plan(conf, options("b.yaml", v1 + "  - {name: isbn, css: .isbn}\n", tmp, lake, "2026-11-21"));
    // Not additive: a type change, a removed column, a new required column.
    JobException changed = assertThrows(JobException.class, () -> ExtractJob.plan(conf,
        options("b.yaml", v1.replace("type: int", "type: long"), tmp, lake, "2026-11-21")));
    assertEquals(ExitCode.BAD_ARGUMENTS, changed.exitCode());
    assertEquals("Cannot extract with b.yaml: books_v1 was written with schema " + plan.schema().get("fingerprint")
        + " and this spec's change is not additive (column pages changed type from int to bigint); set version: 2 in the spec "
        + "to write a new table books_v2 (see " + lake + "/_specs/books_v1.json)", changed.getMessage());
    JobException removed = assertThrows(JobException.class, () -> ExtractJob.plan(conf,
        options("b.yaml", "table: books\nversion: 1\nfields:\n  - {name: title, css: h1, required: true}\n"
            + "  - {name: isbn, css: .isbn, required: true}\n", tmp, lake, "2026-11-21")));
    assertTrue(removed.getMessage().contains("(column pages (int) was removed; new column isbn is required (older dates have "
        + "no value for it))"), removed.getMessage());
    // The same change under a new version is a new table.
    ExtractJob.Plan v2 = ExtractJob.plan(conf, options("b.yaml", v1.replace("version: 1", "version: 2").replace("type: int",
        "type: long"), tmp, lake, "2026-11-21"));
    assertEquals("books_v2", v2.table().name());
  }

  @Test
  void anInvalidSpecExitsTwoBeforeSparkOrDataWithEveryError() throws IOException {
    Path spec = tmp.resolve("bad.yaml");
    Files.writeString(spec, "table: t\nversion: 1\nfields:\n  - {name: a, css: 'h1['}\n  - {name: b, css: h2, type: number}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new ExtractCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--spec", spec.toString(), "--input", tmp.resolve("no-such-raw").toString(), "--date", "2026-11-21",
            "--output", tmp.resolve("lake").toString());
    assertEquals(2, code, err.toString());
    String message = err.toString();
    assertTrue(message.startsWith("extract: Cannot use --spec " + spec + ": 2 errors in extraction spec:\n  " + spec
        + ":4: fields[0] (a).css: invalid CSS selector \"h1[\""), message);
    assertTrue(message.contains("\n  " + spec + ":5: fields[1] (b).type: unknown type \"number\"; use one of string, int,"), message);
    assertFalse(Files.exists(tmp.resolve("lake")), "nothing written");

    err.getBuffer().setLength(0);
    code = Cli.commandLine(new ExtractCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--spec", tmp.resolve("missing.yaml").toString(), "--input", "x", "--date", "2026-11-21", "--output", "y");
    assertEquals(2, code);
    assertEquals("extract: Invalid value for option '--spec': no such file (" + tmp.resolve("missing.yaml") + ")",
        err.toString().strip());
  }
}

package io.htmllake.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.jobs.ParsePagesJob;
import io.htmllake.jobs.ParsePagesOptions;
import io.htmllake.jobs.TableFormat;
import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.DataFrames;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed (SIGKILL) after it committed some tables, then rerun: the tables equal a clean run's
 * row for row, and verify passes. The killed run is a separate JVM, as a lost EMR step would be.
 */
class KilledRunTest {

  private static final String DATE = "2026-11-21";

  @TempDir
  Path tmp;

  @Test
  void aRunKilledMidWriteThenRerunEqualsACleanRun() throws Exception {
    Path raw = tmp.resolve("raw");
    writePages(raw.resolve("dt=" + DATE), 2_000);
    Path killedLake = tmp.resolve("killed");
    Path cleanLake = tmp.resolve("clean");

    Process job = new ProcessBuilder(javaCommand(raw, killedLake)).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("killed.log").toFile()).start();
    Path committed = killedLake.resolve("pages/dt=" + DATE);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.isDirectory(committed) && job.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    job.destroyForcibly().waitFor();
    assertTrue(Files.isDirectory(committed), "the first run had committed pages before it was killed:\n"
        + Files.readString(tmp.resolve("killed.log")));
    Path runs = killedLake.resolve("_runs/parse-pages/dt=" + DATE);
    try (java.util.stream.Stream<Path> files = Files.list(runs)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().matches("\\d.*\\.json")),
          "the run was killed before it finished (it wrote its manifest; make the input larger)");
    }

    // The killed run still holds the date's lease: a rerun is refused (exit 5) until the lease
    // expires or, as the README says for a run known to be dead, the lease is deleted.
    SparkSession spark = SharedSpark.get();
    io.htmllake.jobs.JobException refused = org.junit.jupiter.api.Assertions.assertThrows(io.htmllake.jobs.JobException.class,
        () -> ParsePagesJob.run(spark, options(raw, killedLake)));
    assertEquals(io.htmllake.jobs.ExitCode.CONCURRENT_RUN, refused.exitCode(), refused.getMessage());
    Files.delete(runs.resolve("_lease.json"));
    ParsePagesJob.run(spark, options(raw, killedLake));
    ParsePagesJob.run(spark, options(raw, cleanLake));

    for (TableSchema table : Tables.PARSE_PAGES) {
      Path clean = cleanLake.resolve(table.name()).resolve("dt=" + DATE);
      Path rerun = killedLake.resolve(table.name()).resolve("dt=" + DATE);
      assertEquals(Files.isDirectory(clean), Files.isDirectory(rerun), table.name() + " partition exists in both or neither");
      if (Files.isDirectory(clean)) {
        DataFrames.assertSameRows(read(spark, cleanLake, table), read(spark, killedLake, table));
      }
    }
    assertTrue(Files.isDirectory(cleanLake.resolve("offers/dt=" + DATE)), "the pages had offers to compare");
    int code = io.htmllake.jobs.Cli.execute(new io.htmllake.jobs.VerifyCommand(), "--output", killedLake.toString(), "--date", DATE);
    assertEquals(0, code, "verify of the rerun");
  }

  private static Dataset<Row> read(SparkSession spark, Path lake, TableSchema table) {
    Path partition = lake.resolve(table.name()).resolve("dt=" + DATE);
    Dataset<Row> rows = spark.read().schema(table.structType()).parquet(partition.toString());
    // source_uri names the lake-independent raw file; everything else must be equal as written.
    return rows;
  }

  private static ParsePagesOptions options(Path raw, Path lake) {
    return new ParsePagesOptions(raw.toString(), LocalDate.parse(DATE), lake.toString(), TableFormat.PARQUET, Tables.PARSE_PAGES,
        ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES, 1.0, false, List.of("test"));
  }

  /** Distinct small pages (no sidecars: page_id comes from the object's name), enough work for the kill to land mid-run. */
  private static void writePages(Path partition, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Path file = partition.resolve("site-" + (i % 20)).resolve("page-" + i + ".html");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "<html lang=en><head><title>Page " + i + "</title></head><body><article><h1>Page " + i + "</h1>"
          + "<p>Paragraph one of page " + i + " with enough words to count as text.</p>"
          + "<a href=\"https://example.com/p/" + (i + 1) + "\">next</a> <a href=\"/p/" + (i * 7 % n) + "\">other</a>"
          + (i % 10 == 0 ? "<script type=\"application/ld+json\">{\"@type\":\"Product\",\"name\":\"P" + i
              + "\",\"offers\":{\"price\":\"" + i + ".50\",\"priceCurrency\":\"EUR\"}}</script>" : "")
          + "</article></body></html>");
    }
  }

  private static List<String> javaCommand(Path raw, Path lake) {
    return io.htmllake.testing.JobProcess.command("1g", java.util.Map.of("spark.master", "local[2]"),
        List.of("parse-pages", "--input", raw.toString(), "--date", DATE, "--output", lake.toString(), "--max-quarantine-ratio", "1"));
  }
}

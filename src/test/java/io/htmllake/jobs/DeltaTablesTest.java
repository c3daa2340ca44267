package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.Tables;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --format delta on a local lake: replaceWhere per date, an empty date deletes its rows, additive schema evolution only. */
class DeltaTablesTest {

  @TempDir
  Path tmp;

  @Test
  void aRerunReplacesItsDateAndAnEmptyTableDeletesTheDatesRows() throws IOException {
    SparkSession spark = SharedSpark.get();
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    var day1 = ParsePagesJobTest.options(raw, lake, FixtureCrawl.DAY1, TableFormat.DELTA, Tables.PARSE_PAGES,
        ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES);
    ParsePagesJob.run(spark, day1);
    ParsePagesJob.run(spark, ParsePagesJobTest.options(raw, lake, FixtureCrawl.DAY2, TableFormat.DELTA, Tables.PARSE_PAGES,
        ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES));
    String offers = lake.resolve("offers").toString();
    String pages = lake.resolve("pages").toString();
    assertTrue(spark.read().format("delta").load(offers).where("dt = '" + FixtureCrawl.DAY1 + "'").count() > 0);
    long day2Pages = spark.read().format("delta").load(pages).where("dt = '" + FixtureCrawl.DAY2 + "'").count();
    assertEquals(1, day2Pages);

    // Page A (the one with a Product offer) is gone from the raw date: the rerun has no offers for it.
    Files.delete(raw.resolve("dt=" + FixtureCrawl.DAY1 + "/site/a.html"));
    Files.delete(raw.resolve("dt=" + FixtureCrawl.DAY1 + "/site/a.html.meta.json"));
    RunResult rerun = ParsePagesJob.run(spark, day1);

    assertEquals(0L, rerun.rowsWritten().get("offers"));
    assertEquals(0, spark.read().format("delta").load(offers).where("dt = '" + FixtureCrawl.DAY1 + "'").count());
    List<String> urls = spark.read().format("delta").load(pages).where("dt = '" + FixtureCrawl.DAY1 + "'")
        .select("url").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(rerun.rowsWritten().get("pages"), (long) urls.size());
    assertFalse(urls.contains("https://www.example.com/a.html"), urls.toString());
    assertEquals(day2Pages, spark.read().format("delta").load(pages).where("dt = '" + FixtureCrawl.DAY2 + "'").count(),
        "the other date is untouched");
    // Each run is one commit per table: create, day 2, rerun of day 1.
    assertEquals(3, spark.sql("DESCRIBE HISTORY delta.`" + pages + "`").count());
  }

  @Test
  void anOlderTableWithFewerColumnsGainsTheNewOnesAndAnIncompatibleOneIsRefused() throws IOException {
    SparkSession spark = SharedSpark.get();
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    Path lake = tmp.resolve("lake");
    String links = lake.resolve("links").toString();
    // As an older schema version would have written it: without anchor_text.
    spark.sql("SELECT CAST(NULL AS STRING) AS page_id, 'https://old.example/' AS src_url, '2024-02-01' AS dt")
        .write().format("delta").partitionBy("dt").save(links);
    var options = ParsePagesJobTest.options(raw, lake, FixtureCrawl.DAY1, TableFormat.DELTA, List.of(Tables.LINKS),
        ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES);
    RunResult run = ParsePagesJob.run(spark, options);
    StructType after = spark.read().format("delta").load(links).schema();
    assertTrue(Arrays.asList(after.fieldNames()).containsAll(List.of("anchor_text", "dst_url", "src_url", "dt")), after.toString());
    Row old = spark.read().format("delta").load(links).where("dt = '2024-02-01'").first();
    assertEquals("https://old.example/", old.getAs("src_url"));
    assertTrue(old.isNullAt(old.fieldIndex("anchor_text")), old.toString());
    assertTrue(run.rowsWritten().get("links") > 0);

    String pages = lake.resolve("pages").toString();
    spark.sql("SELECT 42 AS title, '2024-02-01' AS dt").write().format("delta").partitionBy("dt").save(pages);
    JobException e = assertThrows(JobException.class, () -> ParsePagesJob.run(spark,
        ParsePagesJobTest.options(raw, lake, FixtureCrawl.DAY1, TableFormat.DELTA, List.of(Tables.PAGES),
            ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES)));
    assertEquals(ExitCode.BAD_ARGUMENTS, e.exitCode());
    assertTrue(e.getMessage().contains("column title is int in the table but string in this run"), e.getMessage());
  }

  @Test
  void onlyAdditiveChangesPass() {
    StructType table = StructType.fromDDL("a STRING, s STRUCT<x: INT>, l ARRAY<STRUCT<y: STRING>>");
    assertFalse(DeltaSchemas.requireAdditive("t", "p", table, table));
    assertTrue(DeltaSchemas.requireAdditive("t", "p", table, StructType.fromDDL("a STRING, s STRUCT<x: INT>, l ARRAY<STRUCT<y: STRING>>, b INT")));
    assertTrue(DeltaSchemas.requireAdditive("t", "p", table, StructType.fromDDL("a STRING, s STRUCT<x: INT, z: INT>, l ARRAY<STRUCT<y: STRING>>")));
    assertTrue(DeltaSchemas.requireAdditive("t", "p", table, StructType.fromDDL("a STRING, s STRUCT<x: INT>, l ARRAY<STRUCT<y: STRING, w: INT>>")));
    JobException dropped = assertThrows(JobException.class,
        () -> DeltaSchemas.requireAdditive("t", "p", table, StructType.fromDDL("a STRING, l ARRAY<STRUCT<y: STRING>>")));
    assertTrue(dropped.getMessage().contains("column s is missing"), dropped.getMessage());
    JobException nested = assertThrows(JobException.class,
        () -> DeltaSchemas.requireAdditive("t", "p", table, StructType.fromDDL("a STRING, s STRUCT<x: BIGINT>, l ARRAY<STRUCT<y: STRING>>")));
    assertTrue(nested.getMessage().contains("column s.x is int in the table but bigint in this run"), nested.getMessage());
    assertEquals(ExitCode.BAD_ARGUMENTS, nested.exitCode());
  }
}

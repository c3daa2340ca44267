package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.Tables;
import io.htmllake.testing.DataFrames;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maintain: a date's small files become target-size files with the same rows; other dates are untouched. */
class MaintainJobTest {

  private static final String DAY = "2024-03-01";
  private static final String OTHER_DAY = "2024-03-02";
  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void session() {
    spark = SharedSpark.get();
  }

  private static Dataset<Row> rows(int n) {
    return spark.range(n).selectExpr("id", "concat('row ', id) AS text", "id % 7 = 0 AS flag");
  }

  private static List<Path> dataFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  private int maintain(Path lake, String... extra) {
    StringWriter err = new StringWriter();
    List<String> args = new java.util.ArrayList<>(List.of("--output", lake.toString(), "--date", DAY, "--tables", "pages"));
    args.addAll(List.of(extra));
    int code = Cli.commandLine(new MaintainCommand()).setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
        .execute(args.toArray(String[]::new));
    assertEquals(0, code, err.toString());
    return code;
  }

  @Test
  void parquetSmallFilesBecomeOneFileWithTheSameRows() throws IOException {
    Path lake = tmp.resolve("lake");
    Path partition = lake.resolve("pages/dt=" + DAY);
    Path other = lake.resolve("pages/dt=" + OTHER_DAY);
    rows(1000).repartition(10).write().parquet(partition.toString());
    rows(50).repartition(3).write().parquet(other.toString());
    Dataset<Row> before = spark.read().parquet(partition.toString()).localCheckpoint();
    Map<String, Long> otherBefore = sizes(other);
    assertEquals(10, dataFiles(partition).size());

    maintain(lake, "--target-file-size", "1m");

    assertEquals(1, dataFiles(partition).size(), dataFiles(partition).toString());
    DataFrames.assertSameRows(before, spark.read().parquet(partition.toString()));
    assertEquals(otherBefore, sizes(other), "another date changed");
    Path runs = lake.resolve("_runs/maintain/dt=" + DAY);
    List<Path> left;
    try (Stream<Path> files = Files.list(runs)) {
      left = files.toList();
    }
    assertEquals(1, left.size(), "staging and journal removed, the run manifest left: " + left);
    Map<?, ?> manifest = new com.fasterxml.jackson.databind.ObjectMapper().readValue(left.get(0).toFile(), Map.class);
    assertEquals("maintain", manifest.get("job"));
    assertEquals("succeeded", manifest.get("status"));
    assertEquals(Map.of("pages", 1000), manifest.get("rows"));
    assertEquals(Map.of("pages", sizes(partition)).toString(), String.valueOf(manifest.get("files")), "the files the partition holds now");
    Map<?, ?> table = (Map<?, ?>) ((List<?>) manifest.get("tables")).get(0);
    assertEquals(10, table.get("files_before"));
    assertEquals(1, table.get("files_after"));
  }

  @Test
  void aDryRunPrintsWhatWouldBeCompactedAndChangesNothing() throws IOException {
    Path lake = tmp.resolve("lake");
    Path partition = lake.resolve("pages/dt=" + DAY);
    rows(100).repartition(5).write().parquet(partition.toString());
    Map<String, Long> before = sizes(partition);
    StringWriter out = new StringWriter();
    int code = Cli.commandLine(new MaintainCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
        .execute("--output", lake.toString(), "--date", DAY, "--tables", "pages,links", "--dry-run");
    assertEquals(0, code, out.toString());
    String plan = out.toString();
    assertTrue(plan.contains("maintain --dry-run: the plan (nothing was read or written)"), plan);
    long bytes = before.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(plan.contains("5 files, " + bytes + " bytes: rewritten as 1 file"), plan);
    assertTrue(plan.lines().anyMatch(l -> l.contains("links") && l.contains("no partition for the date: nothing to do")), plan);
    assertEquals(before, sizes(partition));
    assertTrue(Files.notExists(lake.resolve("_runs")), "a dry run takes no lease and writes no manifest");
  }

  @Test
  void aLakeThatDoesNotExistIsExitFour() {
    StringWriter err = new StringWriter();
    Path lake = tmp.resolve("no-lake");
    int code = Cli.commandLine(new MaintainCommand()).setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
        .execute("--output", lake.toString(), "--date", DAY);
    assertEquals(4, code, err.toString());
    assertTrue(err.toString().contains("does not exist"), err.toString());
    assertTrue(Files.notExists(lake), "nothing created");
  }

  @Test
  void aTargetSmallerThanTheDataGivesSeveralFiles() throws IOException {
    Path lake = tmp.resolve("lake");
    Path partition = lake.resolve("pages/dt=" + DAY);
    spark.range(200_000).selectExpr("id", "sha2(CAST(id AS STRING), 256) AS text").repartition(12).write().parquet(partition.toString());
    long bytes = dataFiles(partition).stream().mapToLong(f -> f.toFile().length()).sum();
    Dataset<Row> before = spark.read().parquet(partition.toString()).localCheckpoint();

    maintain(lake, "--target-file-size", "4m");

    int expected = (int) Math.ceil(bytes / (4.0 * 1024 * 1024));
    assertTrue(expected > 1 && expected < 12, "test data should need a few files: " + bytes);
    assertEquals(expected, dataFiles(partition).size());
    DataFrames.assertSameRows(before, spark.read().parquet(partition.toString()));
  }

  @Test
  void aSwapThatDiedHalfWayIsFinishedByTheNextRun() throws IOException {
    Path lake = tmp.resolve("lake");
    Path partition = lake.resolve("pages/dt=" + DAY);
    rows(300).repartition(4).write().parquet(partition.toString());
    Dataset<Row> before = spark.read().parquet(partition.toString()).localCheckpoint();
    List<Path> old = dataFiles(partition);
    // What a run leaves when it dies after its journal and after moving its new file, before deleting the old ones.
    Path staging = lake.resolve("_runs/maintain/dt=" + DAY + "/dead-run/pages");
    spark.read().parquet(partition.toString()).coalesce(1).write().parquet(staging.toString());
    Path compacted = dataFiles(staging).get(0);
    Files.move(compacted, partition.resolve(compacted.getFileName()));
    String journal = "{\"table\":\"pages\",\"partition\":\"" + partition.toUri() + "\",\"staging\":\"" + staging.toUri()
        + "\",\"old_files\":[" + String.join(",", old.stream().map(p -> "\"" + p.getFileName() + "\"").toList())
        + "],\"new_files\":[\"" + compacted.getFileName() + "\"]}";
    Files.writeString(staging.getParent().resolve("pages.swap.json"), journal, StandardCharsets.UTF_8);
    assertEquals(2 * before.count(), spark.read().parquet(partition.toString()).count(), "half-way: old and new files");

    maintain(lake);

    assertEquals(List.of(partition.resolve(compacted.getFileName())), dataFiles(partition));
    DataFrames.assertSameRows(before, spark.read().parquet(partition.toString()));
    assertTrue(Files.notExists(staging.getParent()), "the dead run's journal and staging are gone");
  }

  @Test
  void deltaOptimizeCompactsTheDateAndVacuumRemovesTheOldFiles() throws IOException {
    Path lake = tmp.resolve("lake");
    String table = lake.resolve("pages").toString();
    rows(1000).withColumn("dt", org.apache.spark.sql.functions.lit(DAY)).repartition(8)
        .write().format("delta").partitionBy("dt").save(table);
    rows(40).withColumn("dt", org.apache.spark.sql.functions.lit(OTHER_DAY)).repartition(3)
        .write().format("delta").mode("append").partitionBy("dt").save(table);
    Dataset<Row> before = spark.read().format("delta").load(table).where("dt = '" + DAY + "'").localCheckpoint();
    assertEquals(8, dataFiles(lake.resolve("pages/dt=" + DAY)).size());

    List<MaintainJob.TableResult> results = MaintainJob.run(spark, new MaintainOptions(lake.toString(), LocalDate.parse(DAY),
        List.of(Tables.PAGES), TableFormat.DELTA, 1 << 20, 0, List.of("test"))).tables();

    assertEquals(new MaintainJob.TableResult("pages", 8, 1, 1000, ""), results.get(0));
    DataFrames.assertSameRows(before, spark.read().format("delta").load(table).where("dt = '" + DAY + "'"));
    assertEquals(1, dataFiles(lake.resolve("pages/dt=" + DAY)).size(), "VACUUM with 0 hours removed the replaced files");
    assertEquals(3, dataFiles(lake.resolve("pages/dt=" + OTHER_DAY)).size(), "the other date is not optimised");
  }

  private static Map<String, Long> sizes(Path dir) throws IOException {
    Map<String, Long> m = new TreeMap<>();
    for (Path f : dataFiles(dir)) {
      m.put(f.getFileName().toString(), f.toFile().length());
    }
    return m;
  }
}

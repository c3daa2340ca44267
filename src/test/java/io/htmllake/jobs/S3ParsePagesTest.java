package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.DataFrames;
import io.htmllake.testing.S3ProxyServer;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * parse-pages against a real S3 API (S3Proxy, through Hadoop S3A): reads s3a:// raw data (the
 * bundled sample crawl, uploaded) and writes s3a:// tables; a rerun of a date gives the same rows
 * and leaves the other date's files as they were.
 */
class S3ParsePagesTest {

  static final String DAY = DemoCommand.SAMPLE_DATE;
  static final String OTHER_DAY = "2026-11-20";

  private static SparkSession spark;
  private static String raw;

  @BeforeAll
  static void upload() {
    spark = SharedSpark.get();
    raw = S3ProxyServer.newPrefix("sample-crawl");
    int uploaded = S3ProxyServer.upload(Path.of("sample-crawl"), raw);
    assertTrue(uploaded > 80, "uploaded " + uploaded);
  }

  static ParsePagesOptions options(String input, String output, String date, TableFormat format) {
    return new ParsePagesOptions(input, LocalDate.parse(date), output, format, Tables.PARSE_PAGES,
        ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES, 0.25, false, List.of("test"));
  }

  @ParameterizedTest
  @EnumSource(value = TableFormat.class, names = {"PARQUET", "DELTA"})
  void readsAndWritesS3AndARerunReplacesOnlyItsDate(TableFormat format) throws IOException {
    String lake = S3ProxyServer.newPrefix("lake-" + format.source());
    RunResult first = ParsePagesJob.run(spark, options(raw, lake, DAY, format));
    ParsePagesJob.run(spark, options(raw, lake, OTHER_DAY, format));
    // The sample's README: 45 records on 2026-11-21, 38 of them pages, 4 quarantined.
    assertEquals(38, first.counts().pages());
    assertEquals(4, first.counts().quarantined());
    assertTrue(first.passed(), first.failures().toString());

    Map<String, Dataset<Row>> before = new TreeMap<>();
    for (TableSchema t : Tables.PARSE_PAGES) {
      before.put(t.name(), new TableWriter(spark, lake, format).read(t, LocalDate.parse(DAY)).localCheckpoint());
    }
    Map<String, Long> otherDayFiles = files(lake, OTHER_DAY, format);
    assertTrue(otherDayFiles.size() >= 5, otherDayFiles.toString());

    RunResult rerun = ParsePagesJob.run(spark, options(raw, lake, DAY, format));

    assertEquals(first.rowsWritten(), rerun.rowsWritten());
    for (TableSchema t : Tables.PARSE_PAGES) {
      Dataset<Row> after = new TableWriter(spark, lake, format).read(t, LocalDate.parse(DAY));
      assertEquals(first.rowsWritten().get(t.name()), after.count(), t.name());
      DataFrames.assertSameRows(before.get(t.name()), after);
    }
    assertEquals(38, new TableWriter(spark, lake, format).read(Tables.PAGES, LocalDate.parse(DAY)).count());
    assertEquals(otherDayFiles, files(lake, OTHER_DAY, format), "the other date's files changed");
  }

  /** Data files (name → size) under every table's partition directory for the date. */
  static Map<String, Long> files(String lake, String date, TableFormat format) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    for (TableSchema t : Tables.PARSE_PAGES) {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(lake + "/" + t.name() + "/dt=" + date);
      FileSystem fs = dir.getFileSystem(S3ProxyServer.hadoopConf());
      if (!fs.exists(dir)) {
        continue;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        FileStatus f = it.next();
        files.put(f.getPath().toString(), f.getLen());
      }
    }
    return files;
  }
}

package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.DataFrames;
import io.htmllake.testing.JobProcess;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task retries: parse-pages in its own JVM with master {@code local[2,3]} (a task may fail up to 3
 * times) and speculation on, where the first attempt of every parse task and every write task fails
 * after producing all its rows (so the failed write attempts have written files). The tables must
 * equal a clean run's row for row: no duplicates from the failed attempts, nothing lost.
 *
 * <p>Spark's local scheduler never launches speculative copies (its speculation thread runs only on
 * cluster schedulers), so the speculative hazard itself, a second attempt of a task whose files are
 * written but must not be committed, is what the failed first attempts exercise here.
 */
class FaultToleranceTest {

  private static final Pattern INJECTED = Pattern.compile("Injected fault \\(spark\\.htmllake\\.test\\.failFirstAttempt\\): first attempt of (\\w+) task");

  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(value = TableFormat.class, names = {"PARQUET", "DELTA"})
  void firstAttemptFailuresGiveTheSameRowsAsACleanRun(TableFormat format) throws IOException {
    SparkSession spark = SharedSpark.get();
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    String date = FixtureCrawl.DAY1;
    Path clean = tmp.resolve("clean");
    Path faulty = tmp.resolve("faulty");
    ParsePagesJob.run(spark, ParsePagesJobTest.options(raw, clean, date, format, Tables.PARSE_PAGES,
        ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES));

    JobProcess.Result run = JobProcess.run(tmp.resolve("work"),
        Map.of("spark.master", "local[2,3]", FaultInjection.FAIL_FIRST_ATTEMPT, "true", "spark.speculation", "true"),
        List.of("parse-pages", "--input", raw.toString(), "--date", date, "--output", faulty.toString(),
            "--format", format.source(), "--max-quarantine-ratio", "0.5"));
    assertEquals(0, run.exitCode(), run.output());
    long parseFaults = count(run.output(), "parse");
    long writeFaults = count(run.output(), "write");
    assertTrue(parseFaults >= 2, "parse tasks failed on their first attempt: " + parseFaults);
    assertTrue(writeFaults >= Tables.PARSE_PAGES.size(), "write tasks failed on their first attempt: " + writeFaults);

    LocalDate day = LocalDate.parse(date);
    for (TableSchema table : Tables.PARSE_PAGES) {
      var expected = new TableWriter(spark, clean.toString(), format).read(table, day);
      var actual = new TableWriter(spark, faulty.toString(), format).read(table, day);
      assertEquals(expected.count(), actual.count(), table.name());
      DataFrames.assertSameRows(expected, actual);
    }
    if (format == TableFormat.PARQUET) {
      try (Stream<Path> files = Files.walk(faulty.resolve("pages"))) {
        assertTrue(files.noneMatch(f -> f.toString().contains("_temporary") || f.toString().contains(".spark-staging")),
            "no attempt directories left behind");
      }
    }
  }

  private static long count(String log, String stage) {
    Matcher m = INJECTED.matcher(log);
    long n = 0;
    while (m.find()) {
      if (m.group(1).equals(stage)) {
        n++;
      }
    }
    return n;
  }
}

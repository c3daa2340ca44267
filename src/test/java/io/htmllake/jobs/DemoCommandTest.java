package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bin/htmllake demo` on the bundled sample crawl: exit 0 and a summary naming every table. */
class DemoCommandTest {

  @TempDir
  Path tmp;

  @Test
  void demoParsesTheSampleCrawlAndShowsTheTables() {
    SharedSpark.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new DemoCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--input", Path.of("sample-crawl").toAbsolutePath().toString(), "--output", tmp.resolve("lake").toString());
    assertEquals(0, code, err.toString());
    String summary = out.toString();
    // The sample's README lists 45 records: 38 pages, 4 deliberately broken inputs, 3 skipped objects.
    assertTrue(summary.contains("45 records read = 38 pages + 4 quarantined + 3 skipped"), summary);
    for (String table : new String[] {"pages", "links", "structured_data", "offers", "quarantine"}) {
      assertTrue(summary.contains("  " + table + " "), table + " missing in: " + summary);
    }
    assertTrue(summary.contains("corrupt_gzip") && summary.contains("bad_sidecar"), summary);
  }

  @Test
  void demoThroughS3UploadsTheSampleAndWritesS3aTables() {
    SharedSpark.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(new DemoCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--s3", "--input", Path.of("sample-crawl").toAbsolutePath().toString());
    assertEquals(0, code, err.toString());
    String summary = out.toString();
    assertTrue(summary.contains("to s3a://htmllake-demo/sample-crawl"), summary);
    assertTrue(summary.contains("45 records read = 38 pages + 4 quarantined + 3 skipped"), summary);
    assertTrue(summary.contains("s3a://htmllake-demo/lake/pages/dt=2026-11-21"), summary);
  }
}

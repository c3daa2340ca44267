package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.testing.S3ProxyServer;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of the same date at once: the second is refused with exit code 5 before it touches the
 * tables, on a local lake and on S3; a dead run's expired lease is taken over; a finished run leaves
 * no lease behind.
 */
class ConcurrentRunTest {

  private static final LocalDate DAY = LocalDate.parse(FixtureCrawl.DAY1);

  @TempDir
  Path tmp;

  private static int parsePages(String raw, String lake, StringWriter err) {
    return Cli.commandLine(new ParsePagesCommand()).setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
        .execute("--input", raw, "--date", DAY.toString(), "--output", lake, "--max-quarantine-ratio", "0.5");
  }

  @Test
  void secondRunOfTheSameDateIsRefusedWithExit5AndWritesNothing() throws IOException {
    Configuration conf = SharedSpark.get().sparkContext().hadoopConfiguration();
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    String lake = tmp.resolve("lake").toString();
    // The first run: it holds the lease (and heartbeats) for as long as it writes.
    try (RunLease first = RunLease.acquire(conf, lake, ParsePagesJob.NAME, DAY, "first-run", Duration.ofMinutes(5))) {
      StringWriter err = new StringWriter();
      assertEquals(5, parsePages(raw.toString(), lake, err), err.toString());
      assertTrue(err.toString().contains("run first-run is writing the same date"), err.toString());
      assertEquals(1, err.toString().strip().lines().count(), err.toString());
      assertFalse(Files.exists(tmp.resolve("lake/pages")), "the refused run wrote a table");
      first.check(); // still the first run's
    }
    StringWriter err = new StringWriter();
    assertEquals(0, parsePages(raw.toString(), lake, err), "after the first run ends the date can run: " + err);
    assertFalse(Files.exists(Path.of(RunLease.path(lake, ParsePagesJob.NAME, DAY))), "a finished run leaves no lease");
  }

  @Test
  void anExpiredLeaseOfADeadRunIsTakenOver() throws IOException {
    Path raw = FixtureCrawl.write(tmp.resolve("raw"));
    String lake = tmp.resolve("lake").toString();
    Path lease = Path.of(RunLease.path(lake, ParsePagesJob.NAME, DAY));
    Files.createDirectories(lease.getParent());
    Instant past = Instant.now().minus(Duration.ofHours(1));
    Files.writeString(lease, "{\"run_id\":\"dead-run\",\"heartbeat_at\":\"" + past + "\",\"expires_at\":\""
        + past.plus(Duration.ofMinutes(10)) + "\"}", StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    assertEquals(0, parsePages(raw.toString(), lake, err), err.toString());
    assertTrue(Files.isDirectory(tmp.resolve("lake/pages/dt=" + DAY)));
  }

  @Test
  void aRunThatLosesItsLeaseStopsWithExit5() throws IOException {
    Configuration conf = SharedSpark.get().sparkContext().hadoopConfiguration();
    String lake = tmp.resolve("lake").toString();
    try (RunLease mine = RunLease.acquire(conf, lake, ParsePagesJob.NAME, DAY, "slow-run", Duration.ofMinutes(5))) {
      // Another run took over (e.g. it found the lease expired during a long pause of this one).
      Files.writeString(Path.of(mine.path()), "{\"run_id\":\"other-run\",\"heartbeat_at\":\"" + Instant.now()
          + "\",\"expires_at\":\"" + Instant.now().plusSeconds(600) + "\"}", StandardCharsets.UTF_8);
      JobException e = assertThrows(JobException.class, mine::check);
      assertEquals(ExitCode.CONCURRENT_RUN, e.exitCode());
      assertTrue(e.getMessage().contains("other-run"), e.getMessage());
    }
    assertTrue(Files.readString(Path.of(RunLease.path(lake, ParsePagesJob.NAME, DAY))).contains("other-run"),
        "closing a lost lease must not delete the other run's");
  }

  @Test
  void theLeaseWorksOnS3() throws IOException {
    String lake = S3ProxyServer.newPrefix("lease");
    Configuration conf = S3ProxyServer.hadoopConf();
    try (RunLease first = RunLease.acquire(conf, lake, ParsePagesJob.NAME, DAY, "first-run", Duration.ofMinutes(5))) {
      JobException e = assertThrows(JobException.class,
          () -> RunLease.acquire(conf, lake, ParsePagesJob.NAME, DAY, "second-run", Duration.ofMinutes(5)));
      assertEquals(ExitCode.CONCURRENT_RUN, e.exitCode());
      assertTrue(e.getMessage().contains("first-run"), e.getMessage());
    }
    org.apache.hadoop.fs.Path lease = new org.apache.hadoop.fs.Path(RunLease.path(lake, ParsePagesJob.NAME, DAY));
    FileSystem fs = lease.getFileSystem(conf);
    assertFalse(fs.exists(lease), "released");
    try (RunLease again = RunLease.acquire(conf, lake, ParsePagesJob.NAME, DAY, "second-run", Duration.ofMinutes(5))) {
      again.check();
      assertTrue(fs.exists(lease));
    }
  }
}

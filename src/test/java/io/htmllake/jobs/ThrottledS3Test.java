package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.DataFrames;
import io.htmllake.testing.S3ProxyServer;
import io.htmllake.testing.SharedSpark;
import io.htmllake.testing.ThrottlingS3Proxy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A throttling S3: every 7th request through the proxy is answered with 503 SlowDown. parse-pages
 * reads and writes through it and its tables equal those of a clean run through the same endpoint.
 */
class ThrottledS3Test {

  private static final String BUCKET = "htmllake-throttled";

  @TempDir
  Path tmp;

  @Test
  void aThrottlingStoreStillGivesTheSameRows() throws IOException {
    SparkSession spark = SharedSpark.get();
    var s3 = S3ProxyServer.get();
    s3.createBucket(BUCKET);
    try (ThrottlingS3Proxy proxy = new ThrottlingS3Proxy(s3.endpoint(), 0)) {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      LocalS3Server.apply(conf, LocalS3Server.s3aSettings(BUCKET, proxy.endpoint()));
      conf.set("fs.s3a.bucket." + BUCKET + ".retry.throttle.interval", "50ms");
      String raw = "s3a://" + BUCKET + "/raw";
      uploadFixture(raw);
      LocalDate day = LocalDate.parse(FixtureCrawl.DAY1);

      ParsePagesJob.run(spark, options(raw, "s3a://" + BUCKET + "/clean", day));
      long cleanRequests = proxy.requests();
      proxy.throttleEvery(7);
      ParsePagesJob.run(spark, options(raw, "s3a://" + BUCKET + "/throttled", day));

      assertTrue(proxy.throttled() >= 10, "503s sent: " + proxy.throttled() + " of " + (proxy.requests() - cleanRequests));
      for (TableSchema table : Tables.PARSE_PAGES) {
        var expected = new TableWriter(spark, "s3a://" + BUCKET + "/clean", TableFormat.PARQUET).read(table, day);
        var actual = new TableWriter(spark, "s3a://" + BUCKET + "/throttled", TableFormat.PARQUET).read(table, day);
        assertEquals(expected.count(), actual.count(), table.name());
        DataFrames.assertSameRows(expected, actual);
      }
    }
  }

  private void uploadFixture(String raw) {
    Path local = FixtureCrawl.write(tmp.resolve("raw"));
    // Straight to S3Proxy: the bucket's name is the same whichever endpoint is used.
    var client = S3ProxyServer.get().client();
    try (var files = java.nio.file.Files.walk(local)) {
      files.filter(java.nio.file.Files::isRegularFile).forEach(f ->
          client.putObject(BUCKET, "raw/" + local.relativize(f).toString().replace('\\', '/'), f.toFile()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      client.shutdown();
    }
  }

  private static ParsePagesOptions options(String raw, String lake, LocalDate day) {
    return new ParsePagesOptions(raw, day, lake, TableFormat.PARQUET, Tables.PARSE_PAGES,
        ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES, 0.5, false, List.of("test"));
  }
}

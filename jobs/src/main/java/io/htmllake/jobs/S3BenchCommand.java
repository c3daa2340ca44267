package io.htmllake.jobs;

import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.model.ObjectMetadata;
import io.htmllake.schemas.Tables;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Many small raw objects on S3: starts S3Proxy, uploads N generated HTML pages (2-4 KiB each, one
 * object a page) to {@code s3a://bench/raw/dt=<date>/}, runs parse-pages on them with Parquet output
 * to the same bucket, and prints raw objects/s and the S3 requests S3A made, per raw object, by kind
 * (from S3A's storage statistics; in local mode driver and executors share one S3A instance).
 */
@Command(name = "bench-s3", mixinStandardHelpOptions = true,
    description = "Raw objects/s and S3 requests per object for parse-pages over many small HTML objects on a local S3Proxy.")
public final class S3BenchCommand implements Callable<Integer> {

  private static final String BUCKET = "bench";
  private static final String ALL_REQUESTS = "store_io_request";
  private static final LocalDate DATE = LocalDate.parse("2026-11-21");

  @Spec
  CommandSpec spec;

  @Option(names = "--objects", defaultValue = "20000", description = "HTML objects to upload and parse (default: ${DEFAULT-VALUE}).")
  int objects;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    try (LocalS3Server s3 = LocalS3Server.start(); SparkSessions.Owned owned = SparkSessions.open("bench-s3")) {
      s3.createBucket(BUCKET);
      long t0 = System.nanoTime();
      upload(s3, objects);
      out.printf("uploaded %d objects in %.1f s%n", objects, (System.nanoTime() - t0) / 1e9);
      out.flush();

      SparkSession spark = owned.session();
      LocalS3Server.apply(spark.sparkContext().hadoopConfiguration(), s3.s3aSettings(BUCKET));
      String raw = "s3a://" + BUCKET + "/raw";
      String lake = "s3a://" + BUCKET + "/lake";
      FileSystem fs = FileSystem.get(URI.create(raw), spark.sparkContext().hadoopConfiguration());
      Map<String, Long> before = requests(fs.getStorageStatistics());
      long t1 = System.nanoTime();
      RunResult result = ParsePagesJob.run(spark, new ParsePagesOptions(raw, DATE, lake, TableFormat.PARQUET, Tables.PARSE_PAGES,
          ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES, 0.05, false, List.of("bench-s3")));
      double seconds = (System.nanoTime() - t1) / 1e9;
      Map<String, Long> after = requests(fs.getStorageStatistics());

      out.printf("parse-pages: %d objects -> %d pages in %.1f s: %.0f raw objects/s (master %s)%n", objects,
          result.counts().pages(), seconds, objects / seconds, spark.sparkContext().master());
      for (Map.Entry<String, Long> e : after.entrySet()) {
        long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
        if (n > 0 && !e.getKey().equals(ALL_REQUESTS)) {
          out.printf("  %-40s %8d  %.3f per object%n", e.getKey(), n, (double) n / objects);
        }
      }
      // The kinds above overlap (object_metadata_request is the HEADs); S3A's store_io_request counts each request once.
      long total = after.getOrDefault(ALL_REQUESTS, 0L) - before.getOrDefault(ALL_REQUESTS, 0L);
      out.printf("  %-40s %8d  %.3f per object (reads, the listing, and the writes of 5 tables, lease and manifest)%n",
          "all S3 requests (" + ALL_REQUESTS + ")", total, (double) total / objects);
      out.flush();
    }
    return 0;
  }

  /** S3A's counters of requests sent (names ending in _request or _requests, as in Hadoop 3.3's Statistic). */
  private static Map<String, Long> requests(StorageStatistics stats) {
    Map<String, Long> m = new TreeMap<>();
    var it = stats.getLongStatistics();
    while (it.hasNext()) {
      StorageStatistics.LongStatistic s = it.next();
      if (s.getName().endsWith("_request") || s.getName().endsWith("_requests")) {
        m.put(s.getName(), s.getValue());
      }
    }
    return m;
  }

  private static void upload(LocalS3Server s3, int n) throws Exception {
    AmazonS3 client = s3.client();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = i;
        done.add(pool.submit(() -> {
          byte[] html = page(id).getBytes(StandardCharsets.UTF_8);
          ObjectMetadata meta = new ObjectMetadata();
          meta.setContentLength(html.length);
          meta.setContentType("text/html");
          client.putObject(BUCKET, String.format("raw/dt=%s/site-%02d/page-%06d.html", DATE, id % 50, id),
              new ByteArrayInputStream(html), meta);
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
      client.shutdown();
    }
  }

  private static String page(int id) {
    StringBuilder body = new StringBuilder();
    for (int p = 0; p < 6 + id % 8; p++) {
      body.append("<p>Paragraph ").append(p).append(" of page ").append(id)
          .append(": small objects cost a request each, so the job must not add more than it needs.</p>\n");
    }
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page " + id + "</title>"
        + "<link rel=\"canonical\" href=\"https://site" + (id % 50) + ".example/page/" + id + "\"></head><body><article><h1>Page "
        + id + "</h1>\n" + body + "<a href=\"/page/" + (id + 1) + "\">next</a></article></body></html>";
  }
}

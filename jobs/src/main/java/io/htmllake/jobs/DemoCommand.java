package io.htmllake.jobs;

import java.io.File;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs parse-pages on the bundled sample crawl and shows what it wrote. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run parse-pages on the bundled sample crawl (sample-crawl/, date 2026-11-21) and print a summary of the tables.")
public final class DemoCommand implements Callable<Integer> {

  static final String SAMPLE_DATE = "2026-11-21";

  @Spec
  CommandSpec spec;

  @Option(names = "--input", paramLabel = "<raw-uri>", description = "Sample crawl root (default: <htmllake home>/sample-crawl).")
  String input;

  @Option(names = "--output", paramLabel = "<lake-uri>", description = "Where to write the tables (default: <htmllake home>/target/demo-lake).")
  String output;

  @Option(names = "--s3", description = "Run through S3: start a local S3Proxy, upload the sample crawl to s3a://"
      + S3_BUCKET + "/sample-crawl, write the tables to s3a://" + S3_BUCKET + "/lake, stop it at the end.")
  boolean s3;

  static final String S3_BUCKET = "htmllake-demo";

  @Override
  public Integer call() throws Exception {
    String home = System.getProperty("htmllake.home", ".");
    String raw = input != null ? input : new File(home, "sample-crawl").getAbsolutePath();
    if (!s3) {
      String lake = output != null ? output : new File(home, "target/demo-lake").getAbsolutePath();
      return demo(raw, lake, null);
    }
    var out = spec.commandLine().getOut();
    out.printf("htmllake demo --s3: starting S3Proxy (its own JVM) on loopback...%n");
    out.flush();
    try (LocalS3Server server = LocalS3Server.start()) {
      server.createBucket(S3_BUCKET);
      int uploaded = upload(server, java.nio.file.Path.of(raw));
      out.printf("S3Proxy at %s: uploaded %d objects of %s to s3a://%s/sample-crawl%n", server.endpoint(), uploaded, raw, S3_BUCKET);
      out.flush();
      return demo("s3a://" + S3_BUCKET + "/sample-crawl", output != null ? output : "s3a://" + S3_BUCKET + "/lake", server);
    }
  }

  private static int upload(LocalS3Server server, java.nio.file.Path local) throws java.io.IOException {
    var client = server.client();
    try (var files = java.nio.file.Files.walk(local)) {
      List<java.nio.file.Path> all = files.filter(java.nio.file.Files::isRegularFile).toList();
      for (java.nio.file.Path f : all) {
        client.putObject(S3_BUCKET, "sample-crawl/" + local.relativize(f).toString().replace('\\', '/'), f.toFile());
      }
      return all.size();
    } finally {
      client.shutdown();
    }
  }

  private int demo(String raw, String lake, LocalS3Server server) {
    var out = spec.commandLine().getOut();
    out.printf("htmllake demo: parse-pages on %s (dt=%s) -> %s%n%n", raw, SAMPLE_DATE, lake);
    out.flush();

    // One session for the run and the summary: parse-pages reuses it rather than stopping its own.
    try (SparkSessions.Owned spark = SparkSessions.open("demo")) {
      if (server != null) {
        LocalS3Server.apply(spark.session().sparkContext().hadoopConfiguration(), server.s3aSettings(S3_BUCKET));
      }
      ParsePagesCommand parse = new ParsePagesCommand();
      int code = Cli.commandLine(parse).setOut(spec.commandLine().getOut()).setErr(spec.commandLine().getErr())
          .execute("--input", raw, "--date", SAMPLE_DATE, "--output", lake, "--max-quarantine-ratio", "0.25");
      if (code != 0) {
        return code;
      }
      SparkSession s = spark.session();
      String pages = Paths.join(lake, "pages");
      out.println();
      out.println("A few pages (spark.read.parquet(\"" + pages + "\")):");
      out.flush();
      s.read().parquet(pages).where("dt = '" + SAMPLE_DATE + "'")
          .selectExpr("url_host", "http_status", "charset", "lang", "substr(title, 1, 40) AS title", "word_count", "outlink_count")
          .orderBy("url_host", "title").show(8, false);
      out.println("A few offers:");
      out.flush();
      s.read().parquet(Paths.join(lake, "offers")).where("dt = '" + SAMPLE_DATE + "'")
          .selectExpr("item_type", "substr(name, 1, 30) AS name", "price", "currency", "address_locality")
          .orderBy(org.apache.spark.sql.functions.col("price").desc_nulls_last(), org.apache.spark.sql.functions.col("name")).show(8, false);
      out.println("Quarantine:");
      out.flush();
      s.read().parquet(Paths.join(lake, "quarantine")).where("dt = '" + SAMPLE_DATE + "'")
          .selectExpr("regexp_extract(source_uri, '[^/]+$', 0) AS object", "stage", "reason").orderBy("object").show(20, false);
    }
    return 0;
  }
}

package io.htmllake.testing;

import java.io.File;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the whole test suite ({@code local[2]}, UI off), created on first use and
 * stopped when the test JVM exits. Tests that change a SQL conf restore it.
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      File warehouse = new File("target/test-spark-warehouse").getAbsoluteFile();
      session = SparkSession.builder()
          .master("local[2]")
          .appName("htmllake-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.warehouse.dir", warehouse.toURI().toString())
          // Delta Lake (--format delta), as bin/htmllake's session and the spark-submit docs set it.
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "stop-shared-spark"));
    }
    return session;
  }
}

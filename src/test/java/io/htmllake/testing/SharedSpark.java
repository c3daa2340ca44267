package io.htmllake.testing;

import java.io.File;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the whole test suite ({@code local[2]}, UI off), created on first use and
 * stopped when the test JVM exits. Tests that change a SQL conf restore it.
 *
 * <p>It has Spark's Hive support with an embedded metastore in an in-memory Derby database (one per
 * test JVM, nothing left on disk, nothing shared between runs) and Delta's session extension and
 * catalog, as on EMR. Derby and the metastore start lazily, when a test first touches the catalog
 * (the catalog tests); tests that only read and write paths never start them.
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      File warehouse = new File("target/test-spark-warehouse").getAbsoluteFile();
      // Derby writes derby.log into the working directory unless told otherwise.
      System.setProperty("derby.stream.error.file", new File("target/derby.log").getAbsolutePath());
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
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:memory:htmllake_metastore;create=true")
          .config("spark.hadoop.datanucleus.schema.autoCreateAll", "true")
          .config("spark.hadoop.hive.metastore.schema.verification", "false")
          .enableHiveSupport()
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "stop-shared-spark"));
    }
    return session;
  }
}

package io.htmllake.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the session a job runs in. Never sets the master: spark-submit (or bin/htmllake, through
 * the spark.master system property) decides where it runs.
 */
final class SparkSessions {

  private static final String HIVE_SESSION_STATE = "org.apache.spark.sql.hive.HiveSessionStateBuilder";
  private static final String HIVE_CONF = "org.apache.hadoop.hive.conf.HiveConf";
  /** What --format delta needs in the session (spark-submit users pass the same two with --conf). */
  static final String DELTA_EXTENSIONS = "spark.sql.extensions";
  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String DELTA_CATALOG = "spark.sql.catalog.spark_catalog";
  static final String DELTA_CATALOG_CLASS = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  private SparkSessions() {}

  /** A session the caller owns, and whether the caller created it (and so must stop it). */
  record Owned(SparkSession session, boolean created) implements AutoCloseable {
    @Override
    public void close() {
      if (created) {
        session.stop();
      }
    }
  }

  static Owned open(String job) {
    return open(job, false);
  }

  /**
   * @param catalog whether the job registers tables: then the session gets Spark's Hive support
   *     (the Hive metastore spark-submit is configured with; on EMR, usually the AWS Glue Data
   *     Catalog through {@code hive.metastore.client.factory.class}) and, when Delta is on the
   *     classpath, Delta's catalog. A job that does not register never starts a metastore client.
   */
  static Owned open(String job, boolean catalog) {
    scala.Option<SparkSession> existing = SparkSession.getActiveSession().orElse(SparkSession::getDefaultSession);
    if (existing.isDefined() && !existing.get().sparkContext().isStopped()) {
      return new Owned(existing.get(), false); // e.g. the demo, or tests: the owner stops it
    }
    SparkSession.Builder builder = SparkSession.builder();
    if (showsProgress(System.getProperty("spark.master", ""), System.getProperty("spark.ui.showConsoleProgress"))) {
      builder.config("spark.ui.showConsoleProgress", "true"); // a local run shows its stages' progress on stderr
    }
    builder
        .appName("htmllake " + job)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic");
    if (catalog) {
      requireHiveSupport();
      builder.enableHiveSupport();
    }
    if (present(DELTA_EXTENSION)) {
      // Delta (--format delta, registration): added to what spark-submit was given (e.g. EMR's
      // spark-defaults), never in place of it.
      SparkConf given = new SparkConf();
      String extensions = given.get(DELTA_EXTENSIONS, "");
      if (!extensions.contains(DELTA_EXTENSION)) {
        builder.config(DELTA_EXTENSIONS, extensions.isEmpty() ? DELTA_EXTENSION : extensions + "," + DELTA_EXTENSION);
      }
      if (!given.contains(DELTA_CATALOG)) {
        builder.config(DELTA_CATALOG, DELTA_CATALOG_CLASS);
      }
    }
    return new Owned(builder.getOrCreate(), true);
  }

  /** @throws JobException exit 2 when spark-hive is not on the classpath */
  static void requireHiveSupport() {
    if (!present(HIVE_SESSION_STATE) || !present(HIVE_CONF)) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot register: Spark's Hive support (spark-hive) is not on the classpath");
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, SparkSessions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The console progress bar is on for local masters unless set explicitly; clusters keep their own setting. */
  static boolean showsProgress(String master, String explicitSetting) {
    return explicitSetting == null && master.startsWith("local");
  }
}

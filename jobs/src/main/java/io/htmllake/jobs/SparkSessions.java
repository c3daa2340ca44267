package io.htmllake.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * Builds the session a job runs in. Never sets the master: spark-submit (or bin/htmllake, through
 * the spark.master system property) decides where it runs.
 */
final class SparkSessions {

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
    scala.Option<SparkSession> existing = SparkSession.getActiveSession().orElse(SparkSession::getDefaultSession);
    if (existing.isDefined() && !existing.get().sparkContext().isStopped()) {
      return new Owned(existing.get(), false); // e.g. the demo, or tests: the owner stops it
    }
    SparkSession session = SparkSession.builder()
        .appName("htmllake " + job)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config(DELTA_EXTENSIONS, DELTA_EXTENSION)
        .config(DELTA_CATALOG, DELTA_CATALOG_CLASS)
        .getOrCreate();
    return new Owned(session, true);
  }
}

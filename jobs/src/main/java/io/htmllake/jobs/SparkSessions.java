package io.htmllake.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * Builds the session a job runs in. Never sets the master: spark-submit (or bin/htmllake, through
 * the spark.master system property) decides where it runs.
 */
final class SparkSessions {

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
    SparkSession.Builder builder = SparkSession.builder();
    if (showsProgress(System.getProperty("spark.master", ""), System.getProperty("spark.ui.showConsoleProgress"))) {
      builder.config("spark.ui.showConsoleProgress", "true"); // a local run shows its stages' progress on stderr
    }
    SparkSession session = builder
        .appName("htmllake " + job)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .getOrCreate();
    return new Owned(session, true);
  }

  /** The console progress bar is on for local masters unless set explicitly; clusters keep their own setting. */
  static boolean showsProgress(String master, String explicitSetting) {
    return explicitSetting == null && master.startsWith("local");
  }
}

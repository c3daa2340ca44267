package io.htmllake.jobs;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per stage of a run on the logger {@code htmllake.stage}
 * ({@code stage=write_pages job=parse-pages date=2026-11-21 run_id=... ms=412 rows=37}), and the
 * same stage named in Spark (job group and description), so the console, the Spark UI and the
 * driver log all say what is happening.
 */
final class StageLog {

  static final Logger LOG = LoggerFactory.getLogger("htmllake.stage");

  private final String job;
  private final String date;
  private final String runId;

  StageLog(String job, String date, String runId) {
    this.job = job;
    this.date = date;
    this.runId = runId;
  }

  /** Labels the Spark jobs that follow (Spark UI "Jobs" page, and the group cancellable as one). */
  void begin(SparkContext spark, String stage, String detail) {
    String label = job.toUpperCase(Locale.ROOT) + " " + date + " " + stage + (detail == null ? "" : " " + detail);
    spark.setJobGroup(job + "-" + runId, label, false);
    spark.setJobDescription(label);
  }

  /** Logs the stage's line: its duration and its figures, in the order given. */
  void done(String stage, long millis, Map<String, ?> figures) {
    LOG.info(line(stage, millis, figures));
  }

  String line(String stage, long millis, Map<String, ?> figures) {
    StringBuilder s = new StringBuilder(128).append("stage=").append(stage).append(" job=").append(job)
        .append(" date=").append(date).append(" run_id=").append(runId).append(" ms=").append(millis);
    figures.forEach((k, v) -> s.append(' ').append(k).append('=').append(value(v)));
    return s.toString();
  }

  /** Values with spaces or quotes are quoted, so a line always splits on spaces into key=value pairs. */
  private static String value(Object v) {
    String text = String.valueOf(v);
    if (text.isEmpty() || text.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=' || c < 0x20)) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    return text;
  }
}

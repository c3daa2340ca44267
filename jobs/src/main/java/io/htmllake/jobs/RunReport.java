package io.htmllake.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run report: one self-contained HTML page (no script, no network; charts as inline SVG)
 * written beside the run manifest as {@code _runs/<job>/dt=<date>/<run-id>.html}, through the
 * Hadoop FileSystem API so it lands on S3 as well. It reads manifests only: today's, and the latest
 * of each previous date of the same job for the trend and the deviations.
 *
 * <p>A job calls {@link #publish} once its manifest is written; {@code htmllake report} rewrites the
 * report of any past run.
 */
public final class RunReport {

  private RunReport() {}

  /**
   * What every job does at its end: writes the report beside the manifest and prints the run's
   * metrics line (CloudWatch EMF) on standard output. Returns the report's URI.
   */
  public static String publish(Configuration conf, String manifestUri, PrintStream out) throws IOException {
    Map<String, Object> manifest = RunManifest.read(conf, manifestUri);
    RunMetrics.print(manifest, out); // first: a report that cannot be written must not cost the metrics
    return write(conf, manifestUri, manifest);
  }

  /** Writes the report of the run whose manifest is at {@code manifestUri}, beside it; returns the report's URI. */
  public static String write(Configuration conf, String manifestUri) throws IOException {
    return write(conf, manifestUri, RunManifest.read(conf, manifestUri));
  }

  private static String write(Configuration conf, String manifestUri, Map<String, Object> manifest) throws IOException {
    Path manifestPath = new Path(manifestUri);
    // <lake>/_runs/<job>/dt=<date>/<run-id>.json
    String lake = manifestPath.getParent().getParent().getParent().getParent().toString();
    String job = String.valueOf(manifest.get("job"));
    String date = String.valueOf(manifest.get("date"));
    List<Map<String, Object>> previous = new ArrayList<>();
    for (Manifests.Run run : Manifests.latestPerDate(conf, lake, job, date)) {
      if (run.date().compareTo(date) < 0) {
        previous.add(run.manifest());
      }
    }
    String html = ReportPage.render(manifest, previous);
    String name = manifestPath.getName().replaceFirst("\\.json$", "") + ".html";
    Path reportPath = new Path(manifestPath.getParent(), name);
    FileSystem fs = reportPath.getFileSystem(conf);
    fs.setWriteChecksum(false);
    try (OutputStream o = fs.create(reportPath, true)) {
      o.write(html.getBytes(StandardCharsets.UTF_8));
    }
    return reportPath.toString();
  }

  /**
   * The report of the latest run of {@code job} for {@code date} under {@code lake}.
   *
   * @throws JobException exit 4 when no run of that job and date is recorded
   */
  static String writeLatest(Configuration conf, String lake, String job, String date) throws IOException {
    Manifests.Run latest = null;
    for (Manifests.Run run : Manifests.latestPerDate(conf, lake, job, date)) {
      if (run.date().equals(date)) {
        latest = run;
      }
    }
    if (latest == null) {
      throw new JobException(ExitCode.NO_INPUT, "Cannot write report: no run of " + job + " for " + date + " under "
          + Manifests.runsDir(lake, job));
    }
    return write(conf, latest.uri(), latest.manifest());
  }
}

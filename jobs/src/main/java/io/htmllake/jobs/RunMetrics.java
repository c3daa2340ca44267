package io.htmllake.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's key figures as one CloudWatch Embedded Metric Format (EMF) document, printed as a single
 * line on the driver's standard output at the end of the run. The CloudWatch agent (or any shipper
 * calling PutLogEvents) turns it into metrics in namespace {@value #NAMESPACE} with dimension sets
 * [job, date] and [job]; the figures come from the run manifest, so the two always agree.
 *
 * <p>Standard output rather than a log4j logger: on EMR the cluster's log4j layout prefixes each
 * line with a time and level, and CloudWatch only extracts metrics from an event that is the JSON
 * object alone.
 */
public final class RunMetrics {

  public static final String NAMESPACE = "htmllake";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunMetrics() {}

  /** A metric: its name (a top-level member of the document), CloudWatch unit and value. */
  record Metric(String name, String unit, Number value) {}

  /** The metrics of a manifest: input, records, rows per table, quarantine ratio, duration. */
  static List<Metric> metrics(Map<String, Object> manifest) {
    List<Metric> metrics = new ArrayList<>();
    Map<String, Object> input = Manifests.map(manifest, "input");
    Map<String, Object> records = Manifests.map(manifest, "records");
    if (!input.isEmpty()) {
      metrics.add(new Metric("InputObjects", "Count", Manifests.number(input, "objects")));
      metrics.add(new Metric("InputBytes", "Bytes", Manifests.number(input, "bytes")));
    }
    if (!records.isEmpty()) {
      metrics.add(new Metric("RecordsRead", "Count", Manifests.number(records, "read")));
      metrics.add(new Metric("Pages", "Count", Manifests.number(records, "pages")));
      metrics.add(new Metric("Quarantined", "Count", Manifests.number(records, "quarantined")));
      metrics.add(new Metric("Skipped", "Count", Manifests.number(records, "skipped")));
      metrics.add(new Metric("QuarantineRatio", "None", Manifests.quarantineRatio(manifest)));
    }
    Manifests.map(manifest, "rows").forEach((table, rows) -> metrics.add(new Metric("Rows." + table, "Count", (Number) rows)));
    Object total = Manifests.map(manifest, "timings_ms").get("total");
    if (total instanceof Number millis) {
      metrics.add(new Metric("Duration", "Milliseconds", millis));
    }
    return metrics;
  }

  /** The EMF document of a manifest, as an ordered map (the {@code _aws} metadata first). */
  static Map<String, Object> document(Map<String, Object> manifest) {
    List<Metric> metrics = metrics(manifest);
    List<Map<String, Object>> definitions = new ArrayList<>();
    for (Metric m : metrics) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("Name", m.name());
      d.put("Unit", m.unit());
      definitions.add(d);
    }
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", NAMESPACE);
    directive.put("Dimensions", List.of(List.of("job", "date"), List.of("job")));
    directive.put("Metrics", definitions);
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", timestamp(manifest));
    aws.put("CloudWatchMetrics", List.of(directive));

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("_aws", aws);
    doc.put("job", String.valueOf(manifest.get("job")));
    doc.put("date", String.valueOf(manifest.get("date")));
    // Not dimensions (a run id would make a new metric per run): searchable in CloudWatch Logs Insights.
    doc.put("run_id", String.valueOf(manifest.get("run_id")));
    doc.put("status", String.valueOf(manifest.get("status")));
    for (Metric m : metrics) {
      doc.put(m.name(), m.value());
    }
    return doc;
  }

  /** The EMF document as one line of JSON. */
  public static String line(Map<String, Object> manifest) {
    try {
      return JSON.writeValueAsString(document(manifest));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the metrics of run " + manifest.get("run_id") + ": " + e.getMessage(), e);
    }
  }

  static void print(Map<String, Object> manifest, PrintStream out) {
    out.println(line(manifest));
    out.flush();
  }

  /** When the run finished, in milliseconds since the epoch (EMF's Timestamp); now if the manifest does not say. */
  private static long timestamp(Map<String, Object> manifest) {
    Object finished = manifest.get("finished_at");
    if (finished instanceof String s) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (java.time.format.DateTimeParseException e) {
        // fall through: a metric a little late is better than none
      }
    }
    return System.currentTimeMillis();
  }
}

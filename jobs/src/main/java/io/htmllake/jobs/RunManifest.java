package io.htmllake.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The record of one run, written to {@code <output>/_runs/<job>/dt=<date>/<run-id>.json}: arguments,
 * versions, input, records (read = pages + quarantined + skipped), rows per table, quarantine by
 * reason, quality gates, timings and the Spark application id. Built as ordered maps so the file
 * reads top-down.
 */
final class RunManifest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Map<String, Object> root = new LinkedHashMap<>();

  RunManifest(String runId, String job) {
    root.put("run_id", runId);
    root.put("job", job);
  }

  static String newRunId(Instant now) {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    return RUN_ID_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
  }

  RunManifest put(String key, Object value) {
    root.put(key, value);
    return this;
  }

  Map<String, Object> asMap() {
    return root;
  }

  static String path(String output, String job, String date, String runId) {
    return Paths.join(output, "_runs", job, "dt=" + date, runId + ".json");
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise run manifest: " + e.getMessage(), e);
    }
  }

  void write(Configuration conf, String uri) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
    fs.setWriteChecksum(false); // no .crc sidecar files on local file systems
    try (OutputStream out = fs.create(path, true)) {
      out.write(toJson().getBytes(StandardCharsets.UTF_8));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(Configuration conf, String uri) throws IOException {
    Path path = new Path(uri);
    try (java.io.InputStream in = path.getFileSystem(conf).open(path)) {
      return JSON.readValue(in, Map.class);
    }
  }
}

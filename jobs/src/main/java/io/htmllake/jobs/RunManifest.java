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
import org.apache.spark.sql.SparkSession;

/**
 * The record of one run, written to {@code <output>/_runs/<job>/dt=<date>/<run-id>.json}: arguments,
 * versions, input, records (read = pages + quarantined + skipped), rows per table, quarantine by
 * reason, quality gates, timings and the Spark application id. Built as ordered maps so the file
 * reads top-down.
 */
final class RunManifest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

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

  /**
   * A manifest with the members every job's starts with, in this order: date, status, start and
   * finish (now) times, the Spark application id, the arguments as given, the options as understood
   * and the versions; the job then adds its own.
   */
  static RunManifest begin(String runId, String job, SparkSession spark, String date, String status, Instant started,
      java.util.List<String> arguments, Map<String, Object> options, Map<String, Object> versions) {
    return new RunManifest(runId, job)
        .put("date", date)
        .put("status", status)
        .put("started_at", started.toString())
        .put("finished_at", Instant.now().toString())
        .put("spark_application_id", spark.sparkContext().applicationId())
        .put("arguments", arguments)
        .put("options", options)
        .put("versions", versions);
  }

  /** htmllake's version, the parser's (for jobs that parse pages) and Spark's; a job may add more. */
  static Map<String, Object> versions(SparkSession spark, boolean parser) {
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("htmllake", Versions.htmllake());
    if (parser) {
      versions.put("parser", io.htmllake.parsers.ParserVersion.VALUE);
    }
    versions.put("spark", spark.version());
    return versions;
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

  /** Key of the SHA-256 of the manifest's other content, so that an edited manifest is detected. */
  static final String DIGEST = "digest_sha256";

  String toJson() {
    root.remove(DIGEST);
    root.put(DIGEST, digest(root));
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise run manifest: " + e.getMessage(), e);
    }
  }

  /** SHA-256 (hex) of the manifest's JSON without its digest, as this class writes it. */
  static String digest(Map<String, Object> manifest) {
    Map<String, Object> content = new LinkedHashMap<>(manifest);
    content.remove(DIGEST);
    try {
      byte[] json = JSON.writeValueAsBytes(content);
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot digest run manifest: " + e.getMessage(), e);
    }
  }

  /**
   * The data files of a written partition, by name relative to it, with their sizes: the committed
   * set that {@code verify} checks the partition against later. Empty when it does not exist.
   */
  static Map<String, Long> files(Configuration conf, String partition) throws IOException {
    Path dir = new Path(partition);
    FileSystem fs = dir.getFileSystem(conf);
    Map<String, Long> files = new java.util.TreeMap<>();
    if (!fs.exists(dir)) {
      return files;
    }
    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(dir, true);
    String prefix = fs.makeQualified(dir).toString() + "/";
    while (it.hasNext()) {
      org.apache.hadoop.fs.LocatedFileStatus f = it.next();
      String name = f.getPath().toString();
      name = name.startsWith(prefix) ? name.substring(prefix.length()) : f.getPath().getName();
      if (!isHidden(name)) {
        files.put(name, f.getLen());
      }
    }
    return files;
  }

  /** Names Spark and Hadoop keep beside data ({@code _SUCCESS}, {@code .crc}) are not data. */
  static boolean isHidden(String relativeName) {
    for (String part : relativeName.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
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

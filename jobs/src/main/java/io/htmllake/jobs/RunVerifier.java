package io.htmllake.jobs;

import static org.apache.spark.sql.functions.col;

import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Re-reads what a run wrote and checks it against the run's manifest: the manifest is intact (its
 * digest) and reconciles (records read = pages + quarantined + skipped); each table's partition
 * holds exactly the committed files (none missing, none stray, same sizes) and the rows the
 * manifest states; {@code pages} has no duplicate {@code page_id}. Reads data, never writes.
 */
final class RunVerifier {

  /** One check and what it found. */
  record Check(String name, boolean passed, String detail) {
    @Override
    public String toString() {
      return (passed ? "ok      " : "FAILED  ") + name + ": " + detail;
    }
  }

  private final SparkSession spark;
  private final Configuration conf;

  RunVerifier(SparkSession spark) {
    this.spark = spark;
    this.conf = spark.sparkContext().hadoopConfiguration();
  }

  /** The jobs whose runs verify checks: they write tables and state their rows in the manifest. */
  static final List<String> JOBS = List.of(ParsePagesJob.NAME, ExtractJob.NAME);

  /**
   * The manifests to check: for parse-pages the given run's, or the date's latest; for extract the
   * given run's, or the date's latest run of each spec table (extract keeps its runs per table, under
   * {@code _runs/extract/<table>/dt=<date>/}).
   */
  static List<String> manifestPaths(Configuration conf, String output, String job, String date, String runId) throws IOException {
    if (!job.equals(ExtractJob.NAME)) {
      return List.of(manifestPath(conf, output, job, date, runId));
    }
    Path root = new Path(Paths.join(output, "_runs", ExtractJob.NAME));
    FileSystem fs = root.getFileSystem(conf);
    FileStatus[] dirs = fs.globStatus(new Path(root, "*/dt=" + date));
    List<String> paths = new ArrayList<>();
    for (FileStatus dir : dirs == null ? new FileStatus[0] : dirs) {
      String table = dir.getPath().getParent().getName();
      String tableJob = ExtractJob.NAME + "/" + table;
      if (runId == null) {
        paths.add(manifestPath(conf, output, tableJob, date, null));
      } else if (fs.exists(new Path(RunManifest.path(output, tableJob, date, runId)))) {
        paths.add(RunManifest.path(output, tableJob, date, runId));
      }
    }
    if (paths.isEmpty()) {
      throw new JobException(ExitCode.NO_INPUT, "Cannot verify extract for " + date
          + (runId == null ? "" : " run " + runId) + ": no manifest under " + new Path(root, "<table>/dt=" + date));
    }
    java.util.Collections.sort(paths);
    return paths;
  }

  /** As {@link #manifestPath(String, String, String, String)}, from listings only (for {@code verify --dry-run}). */
  static String manifestPath(Configuration conf, String output, String job, String date, String runId) throws IOException {
    if (runId != null) {
      String path = RunManifest.path(output, job, date, runId);
      Path p = new Path(path);
      if (!p.getFileSystem(conf).exists(p)) {
        throw new JobException(ExitCode.NO_INPUT, "Cannot verify run " + runId + ": no manifest at " + path);
      }
      return path;
    }
    Path dir = new Path(Paths.join(output, "_runs", job, "dt=" + date));
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      throw new JobException(ExitCode.NO_INPUT, "Cannot verify " + job + " for " + date + ": no runs under " + dir);
    }
    TreeSet<String> manifests = new TreeSet<>();
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (name.endsWith(".json") && !name.startsWith("_") && !name.startsWith(".")) {
        manifests.add(name); // run ids start with their UTC start time, so names sort by time
      }
    }
    if (manifests.isEmpty()) {
      throw new JobException(ExitCode.NO_INPUT, "Cannot verify " + job + " for " + date + ": no manifest under " + dir);
    }
    return new Path(dir, manifests.last()).toString();
  }

  @SuppressWarnings("unchecked")
  List<Check> verify(String manifestPath) throws IOException {
    Map<String, Object> m = RunManifest.read(conf, manifestPath);
    List<Check> checks = new ArrayList<>();

    Object digest = m.get(RunManifest.DIGEST);
    String expected = RunManifest.digest(m);
    checks.add(new Check("manifest_digest", expected.equals(digest),
        digest == null ? "the manifest has no digest" : expected.equals(digest) ? "intact" : "the manifest was changed after the run wrote it"));

    Map<String, Object> records = (Map<String, Object>) m.getOrDefault("records", Map.of());
    long read = number(records.get("read"));
    long pages = number(records.get("pages"));
    long quarantined = number(records.get("quarantined"));
    long skipped = number(records.get("skipped"));
    checks.add(new Check("manifest_reconciles", read == pages + quarantined + skipped,
        "records read " + read + ", pages + quarantined + skipped = " + (pages + quarantined + skipped)));
    checks.add(new Check("run_status", "succeeded".equals(m.get("status")), "status " + m.get("status")));

    Map<String, Object> options = (Map<String, Object>) m.getOrDefault("options", Map.of());
    String format = String.valueOf(options.getOrDefault("format", "parquet"));
    TableWriter tables = new TableWriter(spark, String.valueOf(options.get("output")),
        TableFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)));
    java.time.LocalDate date = java.time.LocalDate.parse(String.valueOf(m.get("date")));
    Map<String, Object> rows = (Map<String, Object>) m.getOrDefault("rows", Map.of());
    Map<String, Object> outputs = (Map<String, Object>) m.getOrDefault("outputs", Map.of());
    Map<String, Object> files = (Map<String, Object>) m.get("files");
    if (files == null) {
      checks.add(new Check("committed_files", false, "the manifest lists no committed files (written before htmllake 0.3?)"));
    }
    Map<String, Compaction> compactions = files == null ? Map.of()
        : compactions(String.valueOf(options.get("output")), date.toString(), String.valueOf(m.get("run_id")), checks);
    for (Map.Entry<String, Object> out : outputs.entrySet()) {
      String table = out.getKey();
      String partition = String.valueOf(out.getValue());
      long expectedRows = number(rows.get(table));
      TableSchema schema = schema(table, m);
      if (files != null) {
        Compaction compaction = compactions.get(table);
        Check check = filesCheck(table, partition,
            compaction != null ? compaction.files() : (Map<String, Object>) files.getOrDefault(table, Map.of()),
            tables.committedFiles(schema, date));
        checks.add(compaction == null ? check : new Check(check.name(), check.passed(),
            check.detail() + " (the set maintain run " + compaction.runId() + " left)"));
      }
      long actualRows = format.equals("parquet") ? tables.countWritten(schema, date) : tables.read(schema, date).count();
      checks.add(new Check("rows." + table, actualRows == expectedRows,
          actualRows + " rows in " + partition + ", manifest says " + expectedRows));
      if (table.equals(Tables.PAGES.name()) && actualRows > 0) {
        long duplicates = tables.read(Tables.PAGES, date).groupBy(col("page_id")).count().where(col("count").gt(1)).count();
        checks.add(new Check("unique_page_id", duplicates == 0, duplicates + " page_id values occur more than once"));
      }
    }
    return checks;
  }

  private Check filesCheck(String table, String partition, Map<String, Object> committed, Map<String, Long> present) {
    List<String> problems = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    committed.forEach((name, size) -> expected.put(name, number(size)));
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      Long size = present.get(e.getKey());
      if (size == null) {
        problems.add("missing " + e.getKey());
      } else if (!size.equals(e.getValue())) {
        problems.add(e.getKey() + " has " + size + " bytes, committed " + e.getValue());
      }
    }
    for (String name : present.keySet()) {
      if (!expected.containsKey(name)) {
        problems.add("stray " + name);
      }
    }
    return new Check("files." + table, problems.isEmpty(),
        problems.isEmpty() ? expected.size() + " committed files present" : String.join("; ", problems));
  }

  /** A table maintain rewrote after the run: the files it left, by the maintain run that left them. */
  record Compaction(String runId, Map<String, Object> files) {}

  /**
   * The tables that {@code maintain} compacted after the run (maintain runs of the date whose ids
   * sort after the run's), each with the file set the latest of them left: compaction replaces the
   * committed files by others holding the same rows, so those are what the partition must hold now.
   * Each maintain manifest consulted is itself checked for its digest.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Compaction> compactions(String output, String date, String runId, List<Check> checks) throws IOException {
    Path dir = new Path(Paths.join(output, "_runs", MaintainJob.NAME, "dt=" + date));
    FileSystem fs = dir.getFileSystem(conf);
    Map<String, Compaction> latest = new TreeMap<>();
    if (!fs.exists(dir)) {
      return latest;
    }
    TreeSet<String> later = new TreeSet<>();
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (f.isFile() && name.endsWith(".json") && !RunManifest.isHidden(name) && name.compareTo(runId) > 0) {
        later.add(name);
      }
    }
    for (String name : later) { // oldest first: a later compaction's set replaces an earlier one's
      Map<String, Object> maintain = RunManifest.read(conf, new Path(dir, name).toString());
      String id = String.valueOf(maintain.get("run_id"));
      boolean intact = RunManifest.digest(maintain).equals(maintain.get(RunManifest.DIGEST));
      checks.add(new Check("maintain_manifest_digest." + id, intact,
          intact ? "intact" : "the manifest of maintain run " + id + " was changed after the run wrote it"));
      Map<String, Object> files = (Map<String, Object>) maintain.getOrDefault("files", Map.of());
      files.forEach((table, set) -> latest.put(table, new Compaction(id, (Map<String, Object>) set)));
    }
    return latest;
  }

  /** The schema of one of the run's tables: htmllake's own, or for extract the spec table the manifest describes. */
  @SuppressWarnings("unchecked")
  private static TableSchema schema(String table, Map<String, Object> manifest) {
    java.util.Optional<TableSchema> own = Tables.byName(table);
    if (own.isPresent()) {
      return own.get();
    }
    if (manifest.get("spec") instanceof Map<?, ?> spec) {
      TableSchema rows = SpecSchemas.table((Map<String, Object>) spec);
      if (rows.name().equals(table)) {
        return rows;
      }
      if ((rows.name() + "_quarantine").equals(table)) {
        return SpecTable.quarantine(rows.name(), String.valueOf(spec.get("spec_file")));
      }
    }
    throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot verify " + table + ": not a table htmllake defines nor the run's spec table");
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}

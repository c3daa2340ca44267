package io.htmllake.jobs;

import static org.apache.spark.sql.functions.input_file_name;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.htmllake.schemas.TableSchema;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * maintain: small-file compaction of one date.
 *
 * <p>Parquet: the date's files are read and rewritten as about {@code size / target} files into a
 * staging directory under {@code <output>/_runs/maintain/dt=<date>/<run-id>/}; only when the staged
 * rows count the same as the partition's does the swap start. The swap first writes a journal
 * (old files, new files), then moves the new files into the partition and deletes the old ones, then
 * removes the journal. If the run dies before the journal exists, the partition is untouched (the
 * staging directory is removed by the next maintain of the date); if it dies after, the next
 * maintain of the date finishes the journal's swap before anything else. Rows are never lost; a
 * reader listing the partition during the seconds of a swap can see old and new files together, so
 * run maintain outside reading hours, or use Delta, whose OPTIMIZE is one atomic commit.
 *
 * <p>Delta: {@code OPTIMIZE ... WHERE dt = '<date>'} with the target as maximum file size, then
 * {@code VACUUM} of the table with the retention given.
 *
 * <p>It holds the date's parse-pages run lease, so it never runs alongside a parse-pages run (or
 * another maintain) of the same date.
 */
public final class MaintainJob {

  public static final String NAME = "maintain";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Files and rows of one table's date before and after. */
  public record TableResult(String table, long filesBefore, long filesAfter, long rows, String note) {}

  /** What a run did to each table, and where its run manifest is. */
  public record Result(String runId, List<TableResult> tables, String manifestPath) {}

  private MaintainJob() {}

  public static void main(String[] args) {
    System.exit(Cli.execute(new MaintainCommand(), args));
  }

  /**
   * What a run would do, from listings only ({@code --dry-run}): for each table the date's files and
   * bytes and what becomes of them; reads no rows, writes nothing, needs no Spark session.
   */
  public static JobPlan plan(Configuration conf, MaintainOptions options) throws IOException {
    JobPlan.Builder plan = JobPlan.of(NAME);
    Path lake = new Path(options.output());
    FileSystem fs;
    try {
      fs = lake.getFileSystem(conf);
    } catch (IOException | RuntimeException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot read --output " + options.output() + ": " + e.getMessage());
    }
    boolean lakeExists = fs.exists(lake);
    plan.add("input", "lake", options.output(), lakeExists ? "exists" : "does not exist yet: a run now would exit 4");
    TableWriter tables = new TableWriter(null, options.output(), options.format());
    for (TableSchema table : options.tables()) {
      if (options.format() == TableFormat.DELTA) {
        String path = tables.tablePath(table);
        boolean delta = lakeExists && fs.exists(new Path(path, "_delta_log"));
        plan.add("table", table.name(), path, delta
            ? "delta: OPTIMIZE WHERE dt = '" + options.date() + "' to files up to " + options.targetFileBytes()
                + " bytes, then VACUUM RETAIN " + options.retentionHours() + " HOURS"
            : "no Delta table: nothing to do");
        continue;
      }
      Path partition = new Path(tables.partitionPath(table, options.date()));
      if (!lakeExists || !fs.exists(partition)) {
        plan.add("table", table.name(), partition.toString(), "no partition for the date: nothing to do");
        continue;
      }
      List<FileStatus> files = dataFiles(fs, partition);
      long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
      int target = targetFiles(bytes, options.targetFileBytes());
      plan.add("table", table.name(), partition.toString(), files.size() + " files, " + bytes + " bytes: "
          + (files.size() <= target ? "already compact, left as it is" : "rewritten as " + target + " file" + (target == 1 ? "" : "s")));
    }
    plan.add("lease", ParsePagesJob.NAME, RunLease.path(options.output(), ParsePagesJob.NAME, options.date()),
        "held for the run: a parse-pages or maintain run of the date running now makes it exit 5");
    plan.add("output", "manifest", RunManifest.path(options.output(), NAME, options.date().toString(), "<run-id>"), "");
    plan.setting("format", options.format().source())
        .setting("target_file_bytes", options.targetFileBytes());
    if (options.format() == TableFormat.DELTA) {
      plan.setting("retention_hours", options.retentionHours());
    }
    return plan.build();
  }

  private static int targetFiles(long bytes, long targetFileBytes) {
    return (int) Math.max(1, (bytes + targetFileBytes - 1) / targetFileBytes);
  }

  /**
   * Compacts the date of each table, then writes the run manifest
   * ({@code <output>/_runs/maintain/dt=<date>/<run-id>.json}): per table files and bytes before and
   * after and rows, and the files the date's partition holds now, which {@code verify} takes as the
   * committed set of a parse-pages or extract run older than this one.
   */
  public static Result run(SparkSession spark, MaintainOptions options) throws IOException {
    Instant started = Instant.now();
    String runId = RunManifest.newRunId(started);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path lake = new Path(options.output());
    if (!lake.getFileSystem(conf).exists(lake)) {
      throw new JobException(ExitCode.NO_INPUT, "Cannot maintain " + options.date() + ": the lake " + options.output()
          + " does not exist (check --output)");
    }
    List<TableResult> results = new ArrayList<>();
    String manifestPath = RunManifest.path(options.output(), NAME, options.date().toString(), runId);
    try (RunLease lease = RunLease.acquire(conf, options.output(), ParsePagesJob.NAME, options.date(), runId, RunLease.DEFAULT_TTL)) {
      if (options.format() == TableFormat.PARQUET) {
        recover(conf, options);
      }
      TableWriter tables = new TableWriter(spark, options.output(), options.format());
      for (TableSchema table : options.tables()) {
        lease.check();
        spark.sparkContext().setJobGroup(NAME + "-" + runId, "MAINTAIN " + table.name() + " dt=" + options.date(), false);
        results.add(options.format() == TableFormat.DELTA
            ? delta(spark, tables.tablePath(table), table, options)
            : parquet(spark, conf, new Path(tables.partitionPath(table, options.date())), table, options, runId));
      }
      spark.sparkContext().clearJobGroup();
      Path runDir = new Path(workDir(options), runId);
      runDir.getFileSystem(conf).delete(runDir, true); // every swap is done: only empty directories are left
      lease.check();
      manifest(spark, options, runId, started, results, tables).write(conf, manifestPath);
    }
    return new Result(runId, results, manifestPath);
  }

  private static RunManifest manifest(SparkSession spark, MaintainOptions options, String runId, Instant started,
      List<TableResult> results, TableWriter tables) throws IOException {
    Map<String, Object> optionsMap = new LinkedHashMap<>();
    optionsMap.put("output", options.output());
    optionsMap.put("format", options.format().source());
    optionsMap.put("tables", options.tables().stream().map(TableSchema::name).toList());
    optionsMap.put("target_file_bytes", options.targetFileBytes());
    optionsMap.put("retention_hours", options.retentionHours());
    List<Map<String, Object>> tableList = new ArrayList<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Map<String, Long>> files = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      TableResult r = results.get(i);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("name", r.table());
      t.put("files_before", r.filesBefore());
      t.put("files_after", r.filesAfter());
      t.put("rows", r.rows());
      t.put("note", r.note());
      tableList.add(t);
      rows.put(r.table(), r.rows());
      files.put(r.table(), tables.committedFiles(options.tables().get(i), options.date()));
    }
    return RunManifest.begin(runId, NAME, spark, options.date().toString(), "succeeded", started, options.arguments(), optionsMap,
            RunManifest.versions(spark, false))
        .put("tables", tableList)
        .put("rows", rows)
        .put("files", files);
  }

  private static Path workDir(MaintainOptions options) {
    return new Path(Paths.join(options.output(), "_runs", NAME, "dt=" + options.date()));
  }

  private static TableResult parquet(SparkSession spark, Configuration conf, Path partition, TableSchema table,
      MaintainOptions options, String runId) throws IOException {
    FileSystem fs = partition.getFileSystem(conf);
    if (!fs.exists(partition)) {
      return new TableResult(table.name(), 0, 0, 0, "no partition for the date");
    }
    List<FileStatus> old = dataFiles(fs, partition);
    long bytes = old.stream().mapToLong(FileStatus::getLen).sum();
    int target = targetFiles(bytes, options.targetFileBytes());
    long rows = spark.read().parquet(partition.toString()).count();
    if (old.size() <= target) {
      return new TableResult(table.name(), old.size(), old.size(), rows, "already compact");
    }
    Path staging = new Path(new Path(workDir(options), runId), table.name());
    Dataset<Row> current = spark.read().parquet(partition.toString());
    // coalesce merges read splits without a shuffle, but cannot make more files than there are splits.
    Dataset<Row> sized = current.rdd().getNumPartitions() >= target ? current.coalesce(target) : current.repartition(target);
    sized.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
    long staged = spark.read().parquet(staging.toString()).count();
    if (staged != rows) {
      fs.delete(staging, true);
      throw new IOException("Cannot compact " + table.name() + " for " + options.date() + ": the rewrite holds " + staged
          + " rows but the partition " + rows + "; the partition is left as it was");
    }
    List<String> added = dataFiles(fs, staging).stream().map(f -> f.getPath().getName()).toList();
    Map<String, Object> journal = new LinkedHashMap<>();
    journal.put("table", table.name());
    journal.put("partition", partition.toString());
    journal.put("staging", staging.toString());
    journal.put("old_files", old.stream().map(f -> f.getPath().getName()).toList());
    journal.put("new_files", added);
    journal.put("rows", rows);
    Path journalPath = new Path(staging.getParent(), table.name() + ".swap.json");
    fs.setWriteChecksum(false);
    try (OutputStream out = fs.create(journalPath, false)) {
      out.write(JSON.writeValueAsBytes(journal));
    }
    swap(fs, journalPath);
    return new TableResult(table.name(), old.size(), dataFiles(fs, partition).size(), rows, "");
  }

  /** Finishes (or, run again, re-finishes) the swap a journal describes, then removes the journal and the staging directory. */
  @SuppressWarnings("unchecked")
  static void swap(FileSystem fs, Path journalPath) throws IOException {
    Map<String, Object> journal;
    try (InputStream in = fs.open(journalPath)) {
      journal = JSON.readValue(in, Map.class);
    }
    Path partition = new Path((String) journal.get("partition"));
    Path staging = new Path((String) journal.get("staging"));
    for (String name : (List<String>) journal.get("new_files")) {
      Path from = new Path(staging, name);
      Path to = new Path(partition, name);
      if (fs.exists(from) && !fs.exists(to) && !fs.rename(from, to)) {
        throw new IOException("Cannot move compacted file " + from + " to " + to + "; the next maintain of the date finishes the swap");
      }
    }
    for (String name : (List<String>) journal.get("old_files")) {
      fs.delete(new Path(partition, name), false);
    }
    fs.delete(staging, true);
    fs.delete(journalPath, false);
  }

  /** Finishes swaps a dead run journaled, and removes the staging directories of runs that died before their journal. */
  private static void recover(Configuration conf, MaintainOptions options) throws IOException {
    Path dir = workDir(options);
    FileSystem fs = dir.getFileSystem(conf);
    FileStatus[] runs;
    try {
      runs = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return;
    }
    for (FileStatus run : runs) {
      if (!run.isDirectory()) {
        continue;
      }
      for (FileStatus f : fs.listStatus(run.getPath())) {
        if (f.getPath().getName().endsWith(".swap.json")) {
          swap(fs, f.getPath());
        }
      }
      fs.delete(run.getPath(), true); // what is left was never journaled: the partition does not depend on it
    }
  }

  private static List<FileStatus> dataFiles(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        files.add(f);
      }
    }
    return files;
  }

  private static TableResult delta(SparkSession spark, String path, TableSchema table, MaintainOptions options) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return new TableResult(table.name(), 0, 0, 0, "no Delta table");
    }
    String where = TableSchema.PARTITION_COLUMN + " = '" + options.date() + "'";
    long before = activeFiles(spark, path, where);
    var sqlConf = spark.conf();
    String maxKey = "spark.databricks.delta.optimize.maxFileSize";
    String minKey = "spark.databricks.delta.optimize.minFileSize";
    String checkKey = "spark.databricks.delta.retentionDurationCheck.enabled";
    Map<String, String> previous = new LinkedHashMap<>();
    for (String key : List.of(maxKey, minKey, checkKey)) {
      previous.put(key, sqlConf.contains(key) ? sqlConf.get(key) : null);
    }
    try {
      sqlConf.set(maxKey, options.targetFileBytes());
      sqlConf.set(minKey, options.targetFileBytes());
      DeltaTable.forPath(spark, path).optimize().where(where).executeCompaction();
      if (options.retentionHours() < MaintainOptions.DEFAULT_RETENTION_HOURS) {
        sqlConf.set(checkKey, false); // asked for explicitly: --retention-hours below Delta's 7-day safety check
      }
      DeltaTable.forPath(spark, path).vacuum(options.retentionHours());
    } finally {
      previous.forEach((k, v) -> {
        if (v == null) {
          sqlConf.unset(k);
        } else {
          sqlConf.set(k, v);
        }
      });
    }
    long rows = spark.read().format("delta").load(path).where(where).count();
    return new TableResult(table.name(), before, activeFiles(spark, path, where), rows, "");
  }

  private static long activeFiles(SparkSession spark, String path, String where) {
    Dataset<Row> files = spark.read().format("delta").load(path).where(where).select(input_file_name()).distinct();
    return files.count();
  }
}

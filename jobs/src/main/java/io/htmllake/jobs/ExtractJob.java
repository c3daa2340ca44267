package io.htmllake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import io.htmllake.parsers.spec.ExtractorSpec;
import io.htmllake.schemas.TableSchema;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * extract: a raw partition and an extraction spec ({@code conf/extractors/*.yaml}) → the spec's
 * table {@code <table>_v<version>} and its quarantine table {@code <table>_v<version>_quarantine}.
 * The spec is validated, and its compiled schema checked against the one the table was written
 * with, before any data is read. Each record is read and extracted once into one cached outcome
 * row; both tables are projections of it.
 */
public final class ExtractJob {

  public static final String NAME = "extract";

  private ExtractJob() {}

  /** Entry point for spark-submit. */
  public static void main(String[] args) {
    System.exit(Cli.execute(new ExtractCommand(), args));
  }

  /** The spec compiled and checked against the stored schema; nothing read yet. */
  record Plan(ExtractorSpec spec, TableSchema table, TableSchema quarantine, Map<String, Object> schema) {}

  /**
   * Validates the spec and checks that its schema may be written under its version.
   *
   * @throws JobException exit 2 for an invalid spec or a change that needs a new version
   */
  static Plan plan(Configuration hadoop, ExtractOptions options) throws IOException {
    ExtractorSpec spec = options.spec();
    TableSchema table = SpecTable.table(spec);
    Map<String, Object> schema = SpecSchemas.describe(spec, table);
    Map<String, Object> stored = SpecSchemas.read(hadoop, SpecSchemas.path(options.output(), spec));
    if (stored != null) {
      List<String> problems = SpecSchemas.incompatibleChanges(stored, table);
      if (!problems.isEmpty()) {
        throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot extract with " + options.specFile() + ": " + table.name()
            + " was written with schema " + stored.get("fingerprint") + " and this spec's change is not additive ("
            + String.join("; ", problems) + "); set version: " + (spec.version() + 1) + " in the spec to write a new table "
            + spec.table() + "_v" + (spec.version() + 1) + " (see " + SpecSchemas.path(options.output(), spec) + ")");
      }
    }
    return new Plan(spec, table, SpecTable.quarantine(spec), schema);
  }

  /**
   * What {@link #run} would read and write, from listings and the spec only: no record is read,
   * nothing is written, no Spark application is started (for {@code --dry-run}).
   *
   * @throws JobException exit 2 for an invalid spec, an incompatible schema change or an output no
   *     file system can reach; exit 4 when the input partition is missing or empty (unless allowEmpty), as a run would
   */
  public static JobPlan dryRun(Configuration hadoop, ExtractOptions options) throws IOException {
    Plan plan = plan(hadoop, options);
    JobPlan.Builder out = JobPlan.of(NAME);
    try {
      InputListing.Listing listing = InputListing.list(hadoop, options.inputPartition());
      out.add("input", "raw", options.inputPartition(), JobPlan.describeObjects(listing.bytes(), listing.objectsByKind()));
    } catch (JobException e) {
      if (e.exitCode() != ExitCode.NO_INPUT || !options.allowEmpty()) {
        throw e;
      }
      out.add("input", "raw", options.inputPartition(), "missing or empty: --allow-empty writes empty tables");
    }
    out.add("input", "spec", options.specFile(), plan.spec().table() + " version " + plan.spec().version() + ", schema "
        + SpecTable.fingerprint(plan.table()) + ", " + plan.table().columns().size() + " columns");
    FileSystem fs;
    try {
      fs = new Path(options.output()).getFileSystem(hadoop);
    } catch (IOException | RuntimeException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot write to --output " + options.output() + ": " + e.getMessage());
    }
    TableWriter writer = new TableWriter(null, options.output(), options.format());
    for (TableSchema table : List.of(plan.table(), plan.quarantine())) {
      String partition = writer.partitionPath(table, options.date());
      boolean exists = fs.exists(new Path(partition));
      out.add("output", table.name(), partition, options.format().source()
          + (exists ? ", replaces the existing partition" : ", new partition"));
    }
    String schemaPath = SpecSchemas.path(options.output(), plan.spec());
    out.add("output", "schema", schemaPath, fs.exists(new Path(schemaPath)) ? "compatible with the stored schema" : "new");
    out.add("output", "manifest", RunManifest.path(options.output(), NAME + "/" + plan.table().name(), options.date().toString(),
        "<run-id>"), "");
    out.setting("format", options.format().source())
        .setting("max_page_bytes", options.maxPageBytes())
        .setting("max_quarantine_ratio", options.maxQuarantineRatio())
        .setting("allow_empty", options.allowEmpty());
    return out.build();
  }

  /** Runs the job on a session the caller owns. Never calls System.exit. */
  public static ExtractResult run(SparkSession spark, ExtractOptions options) throws IOException {
    Instant started = Instant.now();
    String runId = RunManifest.newRunId(started);
    Map<String, Long> timings = new LinkedHashMap<>();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

    long t0 = System.nanoTime();
    Plan plan = plan(hadoop, options);
    InputListing.Listing listing;
    try {
      listing = InputListing.list(hadoop, options.inputPartition());
    } catch (JobException e) {
      if (e.exitCode() != ExitCode.NO_INPUT || !options.allowEmpty()) {
        throw e;
      }
      listing = new InputListing.Listing(List.of(), 0, Map.of());
    }
    timings.put("list", millisSince(t0));

    t0 = System.nanoTime();
    String group = NAME + "-" + plan.table().name() + "-" + runId;
    spark.sparkContext().setJobGroup(group, "EXTRACT " + plan.table().name() + " read+extract " + options.inputPartition(), false);
    LongAccumulator extracted = spark.sparkContext().longAccumulator("htmllake.records_extracted");
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(new Configuration(hadoop)));
    List<List<SourceObject>> groups = SourcePlanner.plan(listing.objects(), jsc.defaultParallelism(), SourcePlanner.TARGET_BYTES);
    JavaRDD<Row> rows = jsc.parallelize(groups, Math.max(1, groups.size()))
        .flatMap(List::iterator)
        .mapPartitions(new ExtractPartition(conf, options.specFile(), options.specText(), options.maxPageBytes(), extracted));
    Dataset<Row> outcomes = spark.createDataFrame(rows, SpecTable.outcomeSchema(plan.table(), plan.quarantine()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Counts counts = Counts.of(outcomes);
      timings.put("read_extract", millisSince(t0));

      TableWriter writer = new TableWriter(spark, options.output(), options.format());
      Map<String, Long> written = new LinkedHashMap<>();
      Map<String, String> locations = new LinkedHashMap<>();
      Map<String, Map<String, Long>> files = new LinkedHashMap<>();
      for (TableSchema table : List.of(plan.table(), plan.quarantine())) {
        t0 = System.nanoTime();
        spark.sparkContext().setJobGroup(group, "EXTRACT write " + table.name(), false);
        String column = table == plan.table() ? SpecTable.ROWS : SpecTable.QUARANTINE;
        long expected = table == plan.table() ? counts.rows() : counts.quarantined();
        Dataset<Row> projection = TableWriter.project(outcomes.select(explode(col(column)).as("element")), "element", table);
        writer.write(projection, table, options.date(), expected == 0);
        written.put(table.name(), writer.countWritten(table, options.date()));
        locations.put(table.name(), writer.partitionPath(table, options.date()));
        files.put(table.name(), writer.committedFiles(table, options.date()));
        timings.put("write_" + table.name(), millisSince(t0));
      }
      spark.sparkContext().clearJobGroup();
      SpecSchemas.write(hadoop, SpecSchemas.path(options.output(), plan.spec()), plan.schema());

      List<Gate> gates = gates(counts, written, plan, options);
      String manifestPath = RunManifest.path(options.output(), NAME + "/" + plan.table().name(), options.date().toString(), runId);
      ExtractResult result = new ExtractResult(runId, plan.table().name(), SpecTable.fingerprint(plan.table()), counts, written,
          locations, gates, manifestPath);
      timings.put("total", Duration.between(started, Instant.now()).toMillis());
      manifest(spark, options, plan, runId, started, listing, counts, extracted.value(), written, locations, gates, timings)
          .put("files", files)
          .write(hadoop, manifestPath);
      return result;
    } finally {
      outcomes.unpersist(false);
      conf.destroy(false);
    }
  }

  static List<Gate> gates(Counts counts, Map<String, Long> written, Plan plan, ExtractOptions options) {
    long rows = written.getOrDefault(plan.table().name(), counts.rows());
    long quarantined = written.getOrDefault(plan.quarantine().name(), counts.quarantined());
    boolean emptyAllowed = options.allowEmpty() && counts.read() == 0;
    Gate nonEmpty = new Gate("min_rows", rows > 0 || emptyAllowed, rows, 1, "Quality gate min_rows failed: " + rows
        + " rows written from " + counts.read() + " records (" + counts.pages() + " pages matched the spec's host and url)");
    long candidates = rows + quarantined;
    double ratio = candidates == 0 ? 0 : (double) quarantined / candidates;
    Gate quarantine = new Gate("max_quarantine_ratio", ratio <= options.maxQuarantineRatio(), ratio,
        options.maxQuarantineRatio(), String.format(Locale.ROOT,
            "Quality gate max_quarantine_ratio failed: %d of %d rows quarantined (%.4f > %.4f, see --max-quarantine-ratio) %s",
            quarantined, candidates, ratio, options.maxQuarantineRatio(), counts.quarantineByReason()));
    boolean reconciled = counts.pages() + counts.quarantinedRecords() + counts.skipped() == counts.read()
        && rows == counts.rows() && quarantined == counts.quarantined();
    Gate reconcile = new Gate("reconciled", reconciled, rows + quarantined, counts.rows() + counts.quarantined(),
        "Quality gate reconciled failed: rows + quarantine written = " + rows + " + " + quarantined + ", extracted = "
            + counts.rows() + " + " + counts.quarantined());
    return List.of(nonEmpty, quarantine, reconcile);
  }

  private static RunManifest manifest(SparkSession spark, ExtractOptions options, Plan plan, String runId, Instant started,
      InputListing.Listing listing, Counts counts, long extracted, Map<String, Long> written, Map<String, String> locations,
      List<Gate> gates, Map<String, Long> timings) {
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("read", counts.read());
    records.put("pages", counts.pages());
    records.put("quarantined", counts.quarantinedRecords());
    records.put("skipped", counts.skipped());
    records.put("skipped_by_kind", counts.skippedByKind());
    records.put("extracted", extracted);

    Map<String, Object> optionsMap = new LinkedHashMap<>();
    optionsMap.put("spec", options.specFile());
    optionsMap.put("input", options.input());
    optionsMap.put("output", options.output());
    optionsMap.put("format", options.format().source());
    optionsMap.put("max_page_bytes", options.maxPageBytes());
    optionsMap.put("max_quarantine_ratio", options.maxQuarantineRatio());
    optionsMap.put("allow_empty", options.allowEmpty());

    return RunManifest.begin(runId, NAME, spark, options.date().toString(),
            gates.stream().allMatch(Gate::passed) ? "succeeded" : "quality_gate_failed", started, options.arguments(), optionsMap,
            RunManifest.versions(spark, true))
        .put("spec", plan.schema())
        .put("input", listing.describe(options.inputPartition()))
        .put("records", records)
        .put("rows", written)
        .put("quarantine_by_reason", counts.quarantineByReason())
        .put("outputs", locations)
        .put("gates", gates.stream().map(Gate::asMap).toList())
        .put("timings_ms", timings);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /**
   * Figures of the outcome rows: records read = pages (matched the spec) + quarantined records
   * (could not be read or parsed) + skipped (not for the spec, or not records); rows and
   * quarantine rows (records, plus rows missing a required field).
   */
  public record Counts(long pages, long rows, long quarantinedRecords, long quarantined, Map<String, Long> skippedByKind,
      Map<String, Long> quarantineByReason) {

    static Counts of(Dataset<Row> outcomes) {
      List<Row> groups = outcomes.groupBy(col(SpecTable.KIND), col(SpecTable.SKIPPED_KIND))
          .agg(count("*").as("n"), sum(size(col(SpecTable.ROWS))).as("rows"), sum(size(col(SpecTable.QUARANTINE))).as("q"))
          .collectAsList();
      long pages = 0;
      long rows = 0;
      long quarantinedRecords = 0;
      long quarantined = 0;
      Map<String, Long> skipped = new TreeMap<>();
      for (Row g : groups) {
        long n = g.getLong(2);
        rows += g.isNullAt(3) ? 0 : g.getLong(3);
        quarantined += g.isNullAt(4) ? 0 : g.getLong(4);
        switch (g.getString(0)) {
          case SpecTable.KIND_PAGE -> pages += n;
          case SpecTable.KIND_QUARANTINE -> quarantinedRecords += n;
          default -> skipped.merge(g.getString(1), n, Long::sum);
        }
      }
      Map<String, Long> reasons = new TreeMap<>();
      if (quarantined > 0) {
        for (Row r : outcomes.select(explode(col(SpecTable.QUARANTINE + ".reason")).as("reason")).groupBy("reason").count()
            .collectAsList()) {
          reasons.put(r.getString(0), r.getLong(1));
        }
      }
      return new Counts(pages, rows, quarantinedRecords, quarantined, skipped, reasons);
    }

    public long skipped() {
      return skippedByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public long read() {
      return pages + quarantinedRecords + skipped();
    }
  }
}

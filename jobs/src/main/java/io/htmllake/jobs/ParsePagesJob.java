package io.htmllake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * parse-pages: raw partition → pages, links, quarantine. Each raw record is read and parsed once
 * into one outcome row, which is cached; every table is a projection of that cache.
 */
public final class ParsePagesJob {

  public static final String NAME = "parse-pages";

  private ParsePagesJob() {}

  /** Entry point for spark-submit. */
  public static void main(String[] args) {
    System.exit(Cli.execute(new ParsePagesCommand(), args));
  }

  /**
   * Runs the job on a session the caller owns. Never calls System.exit. Ends by writing the run
   * manifest, the run report beside it, and the metrics line (CloudWatch EMF) on standard output.
   *
   * @throws JobException exit 5 when another run of the same date holds the run lease
   */
  public static RunResult run(SparkSession spark, ParsePagesOptions options) throws IOException {
    Instant started = Instant.now();
    String runId = RunManifest.newRunId(started);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try (RunLease lease = RunLease.acquire(hadoop, options.output(), NAME, options.date(), runId, RunLease.DEFAULT_TTL)) {
      return run(spark, options, runId, started, lease);
    }
  }

  private static RunResult run(SparkSession spark, ParsePagesOptions options, String runId, Instant started, RunLease lease)
      throws IOException {
    Map<String, Long> timings = new LinkedHashMap<>();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    StageLog stages = new StageLog(NAME, options.date().toString(), runId);

    long t0 = System.nanoTime();
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
    stages.done("list", timings.get("list"), Map.of("objects", listing.objectsByKind().values().stream().mapToLong(Long::longValue).sum(),
        "bytes", listing.bytes()));

    // Read + decode + parse, once (one pass per object, so one Spark stage): the outcome rows are
    // cached and every table below is a projection.
    t0 = System.nanoTime();
    stages.begin(spark.sparkContext(), "read, decode, parse", options.inputPartition());
    LongAccumulator parsed = spark.sparkContext().longAccumulator("htmllake.records_parsed");
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(new Configuration(hadoop)));
    List<List<SourceObject>> groups = SourcePlanner.plan(listing.objects(), jsc.defaultParallelism(), SourcePlanner.TARGET_BYTES);
    JavaRDD<Row> rows = jsc.parallelize(groups, Math.max(1, groups.size()))
        .flatMap(List::iterator)
        .mapPartitions(new ParsePartition(conf, options.maxPageBytes(), options.recordTimeLimit(), parsed));
    Dataset<Row> outcomes = spark.createDataFrame(rows, OutcomeRows.SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Counts counts = Counts.of(outcomes);
      timings.put("read_parse", millisSince(t0));
      Map<String, Object> parseFigures = new LinkedHashMap<>();
      parseFigures.put("records", counts.read());
      parseFigures.put("parsed", parsed.value());
      parseFigures.put("pages", counts.pages());
      parseFigures.put("quarantined", counts.quarantined());
      parseFigures.put("skipped", counts.skipped());
      stages.done("read_parse", timings.get("read_parse"), parseFigures);

      t0 = System.nanoTime();
      stages.begin(spark.sparkContext(), "profile", "(hosts, charsets, languages, coverage, prices)");
      Map<String, Object> profile = RunProfile.of(outcomes);
      timings.put("profile", millisSince(t0));
      stages.done("profile", timings.get("profile"), Map.of());

      TableWriter writer = new TableWriter(spark, options.output(), options.format());
      Map<String, Long> written = new LinkedHashMap<>();
      Map<String, String> locations = new LinkedHashMap<>();
      Map<String, Map<String, Long>> files = new LinkedHashMap<>();
      for (TableSchema table : tablesToWrite(options)) {
        t0 = System.nanoTime();
        stages.begin(spark.sparkContext(), "write " + table.name(), writer.partitionPath(table, options.date()));
        lease.check();
        writer.write(projection(outcomes, table), table, options.date(), counts.rows(table) == 0);
        written.put(table.name(), writer.countWritten(table, options.date()));
        locations.put(table.name(), writer.partitionPath(table, options.date()));
        files.put(table.name(), writer.committedFiles(table, options.date()));
        timings.put("write_" + table.name(), millisSince(t0));
        stages.done("write_" + table.name(), timings.get("write_" + table.name()), Map.of("rows", written.get(table.name())));
      }

      t0 = System.nanoTime();
      stages.begin(spark.sparkContext(), "commit", "(manifest, report)");
      List<Gate> gates = new ArrayList<>(Gate.evaluate(counts, written, options));
      gates.addAll(Gate.nonNull(nonNullCounts(outcomes, options), counts.pages(), options));
      String manifestPath = RunManifest.path(options.output(), NAME, options.date().toString(), runId);
      timings.put("total", java.time.Duration.between(started, Instant.now()).toMillis());
      lease.check();
      manifest(spark, options, runId, started, listing, counts, parsed.value(), written, locations, gates, timings)
          .put("profile", profile)
          .put("files", files)
          .write(hadoop, manifestPath);
      String report = publishReport(hadoop, manifestPath);
      spark.sparkContext().clearJobGroup();
      Map<String, Object> commitFigures = new LinkedHashMap<>();
      commitFigures.put("manifest", manifestPath);
      commitFigures.put("report", report);
      commitFigures.put("gates_failed", gates.stream().filter(g -> !g.passed()).map(Gate::name).toList());
      stages.done("commit", millisSince(t0), commitFigures);
      return new RunResult(runId, counts, written, locations, gates, manifestPath, report);
    } finally {
      outcomes.unpersist(false);
      conf.destroy(false);
    }
  }

  /** Pages with a value in each column of --min-non-null, in one aggregation over the cache. */
  private static Map<String, Long> nonNullCounts(Dataset<Row> outcomes, ParsePagesOptions options) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (options.minNonNull().isEmpty()) {
      return counts;
    }
    List<String> columns = new ArrayList<>(options.minNonNull().keySet());
    org.apache.spark.sql.Column[] aggregates = new org.apache.spark.sql.Column[columns.size()];
    for (int i = 0; i < aggregates.length; i++) {
      aggregates[i] = count(col(OutcomeRows.PAGE + "." + columns.get(i)));
    }
    Row row = outcomes.where(col(OutcomeRows.KIND).equalTo(OutcomeRows.KIND_PAGE))
        .agg(aggregates[0], java.util.Arrays.copyOfRange(aggregates, 1, aggregates.length)).first();
    for (int i = 0; i < columns.size(); i++) {
      counts.put(columns.get(i), row.getLong(i));
    }
    return counts;
  }

  /**
   * The report and the metrics line; a failure to write them is logged (once, with its cause) but
   * does not fail a run whose tables and manifest are written.
   */
  private static String publishReport(Configuration hadoop, String manifestPath) {
    try {
      return RunReport.publish(hadoop, manifestPath, System.out);
    } catch (IOException | RuntimeException e) {
      StageLog.LOG.warn("stage=report manifest=" + manifestPath + " Cannot write the run report: " + e, e);
      return null;
    }
  }

  /**
   * What {@link #run} would read and write, from listings only: no record is read, nothing is
   * written, no Spark application is started (for {@code --dry-run}).
   *
   * @throws JobException exit 4 when the input partition is missing or empty (unless allowEmpty), as a run would;
   *     exit 2 when the output's file system cannot be reached with this configuration
   */
  public static JobPlan plan(Configuration hadoop, ParsePagesOptions options) throws IOException {
    JobPlan.Builder plan = JobPlan.of(NAME);
    try {
      InputListing.Listing listing = InputListing.list(hadoop, options.inputPartition());
      plan.add("input", "raw", options.inputPartition(), JobPlan.describeObjects(listing.bytes(), listing.objectsByKind()));
    } catch (JobException e) {
      if (e.exitCode() != ExitCode.NO_INPUT || !options.allowEmpty()) {
        throw e;
      }
      plan.add("input", "raw", options.inputPartition(), "missing or empty: --allow-empty writes empty tables");
    }
    FileSystem fs;
    try {
      fs = new Path(options.output()).getFileSystem(hadoop);
    } catch (IOException | RuntimeException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot write to --output " + options.output() + ": " + e.getMessage());
    }
    TableWriter writer = new TableWriter(null, options.output(), options.format());
    for (TableSchema table : tablesToWrite(options)) {
      String partition = writer.partitionPath(table, options.date());
      boolean exists = fs.exists(new Path(partition));
      plan.add("output", table.name(), partition, "schema " + table.version() + ", " + options.format().source()
          + (exists ? ", replaces the existing partition" : ", new partition"));
    }
    plan.add("output", "manifest", RunManifest.path(options.output(), NAME, options.date().toString(), "<run-id>"), "");
    plan.setting("format", options.format().source())
        .setting("max_page_bytes", options.maxPageBytes())
        .setting("max_quarantine_ratio", options.maxQuarantineRatio())
        .setting("allow_empty", options.allowEmpty())
        .setting("record_time_limit", options.recordTimeLimit().toString())
        .setting("min_non_null", options.minNonNull().toString())
        .setting("register", String.valueOf(options.registerDatabase()));
    return plan.build();
  }

  /** quarantine is always written: without it the run's records do not reconcile. */
  static List<TableSchema> tablesToWrite(ParsePagesOptions options) {
    List<TableSchema> tables = new ArrayList<>();
    for (TableSchema table : Tables.PARSE_PAGES) {
      if (options.writes(table) || table == Tables.QUARANTINE) {
        tables.add(table);
      }
    }
    return tables;
  }

  static Dataset<Row> projection(Dataset<Row> outcomes, TableSchema table) {
    if (table == Tables.PAGES) {
      return TableWriter.project(outcomes.where(col(OutcomeRows.KIND).equalTo(OutcomeRows.KIND_PAGE)), OutcomeRows.PAGE, table);
    }
    if (table == Tables.LINKS) {
      return exploded(outcomes, OutcomeRows.LINKS, table);
    }
    if (table == Tables.STRUCTURED_DATA) {
      return exploded(outcomes, OutcomeRows.STRUCTURED_DATA, table);
    }
    if (table == Tables.OFFERS) {
      return exploded(outcomes, OutcomeRows.OFFERS, table);
    }
    if (table == Tables.QUARANTINE) {
      return TableWriter.project(outcomes.where(col(OutcomeRows.KIND).equalTo(OutcomeRows.KIND_QUARANTINE)),
          OutcomeRows.QUARANTINE, table);
    }
    throw new IllegalArgumentException("Cannot write " + table.name() + ": parse-pages does not produce it");
  }

  /** One row per element of a page's array column (links, structured data, offers). */
  private static Dataset<Row> exploded(Dataset<Row> outcomes, String arrayColumn, TableSchema table) {
    Dataset<Row> rows = outcomes.where(col(OutcomeRows.KIND).equalTo(OutcomeRows.KIND_PAGE))
        .select(explode(col(arrayColumn)).as("element"));
    return TableWriter.project(rows, "element", table);
  }

  private static RunManifest manifest(SparkSession spark, ParsePagesOptions options, String runId, Instant started,
      InputListing.Listing listing, Counts counts, long parsed, Map<String, Long> written, Map<String, String> locations,
      List<Gate> gates, Map<String, Long> timings) {
    Map<String, Object> versions = RunManifest.versions(spark, true);
    Map<String, String> schemaVersions = new LinkedHashMap<>();
    for (TableSchema t : Tables.PARSE_PAGES) {
      schemaVersions.put(t.name(), t.version());
    }
    versions.put("schemas", schemaVersions);

    Map<String, Object> records = new LinkedHashMap<>();
    records.put("read", counts.read());
    records.put("pages", counts.pages());
    records.put("quarantined", counts.quarantined());
    records.put("skipped", counts.skipped());
    records.put("skipped_by_kind", counts.skippedByKind());
    records.put("parsed", parsed);

    Map<String, Object> optionsMap = new LinkedHashMap<>();
    optionsMap.put("input", options.input());
    optionsMap.put("output", options.output());
    optionsMap.put("format", options.format().source());
    optionsMap.put("tables", tablesToWrite(options).stream().map(TableSchema::name).toList());
    optionsMap.put("max_page_bytes", options.maxPageBytes());
    optionsMap.put("max_quarantine_ratio", options.maxQuarantineRatio());
    optionsMap.put("record_time_limit_ms", options.recordTimeLimit().toMillis());
    optionsMap.put("allow_empty", options.allowEmpty());
    optionsMap.put("min_non_null", options.minNonNull());

    return RunManifest.begin(runId, NAME, spark, options.date().toString(),
            gates.stream().allMatch(Gate::passed) ? "succeeded" : "quality_gate_failed", started, options.arguments(), optionsMap, versions)
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

  /** Figures of the outcome rows, gathered in one small aggregation over the cache. */
  record Counts(long pages, long links, long structuredItems, long offers, long quarantined, Map<String, Long> skippedByKind,
      Map<String, Long> quarantineByReason) {

    static Counts of(Dataset<Row> outcomes) {
      List<Row> groups = outcomes
          .groupBy(col(OutcomeRows.KIND), col(OutcomeRows.QUARANTINE + ".stage").as("stage"),
              col(OutcomeRows.QUARANTINE + ".reason").as("reason"), col(OutcomeRows.SKIPPED_KIND))
          .agg(count("*").as("n"), sum(size(col(OutcomeRows.LINKS))).as("links"),
              sum(size(col(OutcomeRows.STRUCTURED_DATA))).as("items"), sum(size(col(OutcomeRows.OFFERS))).as("offers"))
          .collectAsList();
      long pages = 0;
      long links = 0;
      long items = 0;
      long offers = 0;
      long quarantined = 0;
      Map<String, Long> skipped = new TreeMap<>();
      Map<String, Long> reasons = new TreeMap<>();
      for (Row g : groups) {
        long n = g.getLong(g.fieldIndex("n"));
        switch (g.getString(0)) {
          case OutcomeRows.KIND_PAGE -> {
            pages += n;
            links += longOrZero(g, "links");
            items += longOrZero(g, "items");
            offers += longOrZero(g, "offers");
          }
          case OutcomeRows.KIND_QUARANTINE -> {
            quarantined += n;
            reasons.merge(g.getString(2), n, Long::sum);
          }
          default -> skipped.merge(g.getString(3), n, Long::sum);
        }
      }
      return new Counts(pages, links, items, offers, quarantined, skipped, reasons);
    }

    private static long longOrZero(Row row, String field) {
      int i = row.fieldIndex(field);
      return row.isNullAt(i) ? 0 : row.getLong(i);
    }

    long skipped() {
      return skippedByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    long read() {
      return pages + quarantined + skipped();
    }

    long rows(TableSchema table) {
      if (table == Tables.PAGES) {
        return pages;
      }
      if (table == Tables.LINKS) {
        return links;
      }
      if (table == Tables.STRUCTURED_DATA) {
        return structuredItems;
      }
      if (table == Tables.OFFERS) {
        return offers;
      }
      return quarantined;
    }
  }
}

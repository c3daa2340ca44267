package io.htmllake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import io.htmllake.parsers.ParserVersion;
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
   * Runs the job on a session the caller owns. Never calls System.exit.
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

    // Read + parse, once: the outcome rows are cached and every table below is a projection.
    t0 = System.nanoTime();
    spark.sparkContext().setJobGroup(NAME + "-" + runId, "PARSE-PAGES read+parse " + options.inputPartition(), false);
    LongAccumulator parsed = spark.sparkContext().longAccumulator("htmllake.records_parsed");
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(new Configuration(hadoop)));
    List<List<SourceObject>> groups = SourcePlanner.plan(listing.objects(), jsc.defaultParallelism(), SourcePlanner.TARGET_BYTES);
    JavaRDD<Row> rows = jsc.parallelize(groups, Math.max(1, groups.size()))
        .flatMap(List::iterator)
        .mapPartitions(new ParsePartition(conf, options.maxPageBytes(), parsed));
    Dataset<Row> outcomes = spark.createDataFrame(rows, OutcomeRows.SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Counts counts = Counts.of(outcomes);
      timings.put("read_parse", millisSince(t0));

      TableWriter writer = new TableWriter(spark, options.output(), options.format());
      Map<String, Long> written = new LinkedHashMap<>();
      Map<String, String> locations = new LinkedHashMap<>();
      for (TableSchema table : tablesToWrite(options)) {
        t0 = System.nanoTime();
        spark.sparkContext().setJobGroup(NAME + "-" + runId, "PARSE-PAGES write " + table.name(), false);
        lease.check();
        writer.write(projection(outcomes, table), table, options.date(), counts.rows(table) == 0);
        written.put(table.name(), writer.countWritten(table, options.date()));
        locations.put(table.name(), writer.partitionPath(table, options.date()));
        timings.put("write_" + table.name(), millisSince(t0));
      }
      spark.sparkContext().clearJobGroup();

      List<Gate> gates = Gate.evaluate(counts, written, options);
      RunResult result = new RunResult(runId, counts, written, locations, gates,
          RunManifest.path(options.output(), NAME, options.date().toString(), runId));
      timings.put("total", java.time.Duration.between(started, Instant.now()).toMillis());
      lease.check();
      manifest(spark, options, runId, started, listing, counts, parsed.value(), written, locations, gates, timings)
          .write(hadoop, result.manifestPath());
      return result;
    } finally {
      outcomes.unpersist(false);
      conf.destroy(false);
    }
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
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("htmllake", Versions.htmllake());
    versions.put("parser", ParserVersion.VALUE);
    versions.put("spark", spark.version());
    Map<String, String> schemaVersions = new LinkedHashMap<>();
    for (TableSchema t : Tables.PARSE_PAGES) {
      schemaVersions.put(t.name(), t.version());
    }
    versions.put("schemas", schemaVersions);

    Map<String, Object> input = new LinkedHashMap<>();
    input.put("partition", options.inputPartition());
    input.put("objects", listing.objectsByKind().values().stream().mapToLong(Long::longValue).sum());
    input.put("bytes", listing.bytes());
    input.put("objects_by_kind", listing.objectsByKind());

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
    optionsMap.put("allow_empty", options.allowEmpty());

    return new RunManifest(runId, NAME)
        .put("date", options.date().toString())
        .put("status", gates.stream().allMatch(Gate::passed) ? "succeeded" : "quality_gate_failed")
        .put("started_at", started.toString())
        .put("finished_at", Instant.now().toString())
        .put("spark_application_id", spark.sparkContext().applicationId())
        .put("arguments", options.arguments())
        .put("options", optionsMap)
        .put("versions", versions)
        .put("input", input)
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

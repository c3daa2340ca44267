package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Command line of parse-pages: parses flags into {@link ParsePagesOptions}, runs, maps the outcome to an exit code. */
@Command(name = ParsePagesJob.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Parse a raw partition (<raw-uri>/dt=<date>/**) into the pages, links, structured_data, offers and quarantine tables.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:anything else", "2:bad arguments or configuration",
        "3:quality gate failed (quarantine ratio, zero pages)", "4:input partition missing or empty (unless --allow-empty)",
        "5:another run is writing the same date (its lease is in <lake-uri>/_runs/parse-pages/dt=<date>/)"})
public final class ParsePagesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "<raw-uri>",
      description = "Raw zone root (s3://, s3a:// or a local path); the run reads <raw-uri>/dt=<date>/ recursively.")
  String input;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
      description = "Date partition to read and write.")
  LocalDate date;

  @Option(names = "--output", required = true, paramLabel = "<lake-uri>",
      description = "Curated zone root; tables go to <lake-uri>/<table>/dt=<date>/.")
  String output;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|delta|json", converter = Converters.Format.class,
      description = "Table format (default: ${DEFAULT-VALUE}).")
  TableFormat format;

  @Option(names = "--tables", defaultValue = "pages,links,structured_data,offers,quarantine", paramLabel = "<t1,t2>",
      description = "Tables to write (default: ${DEFAULT-VALUE}); quarantine is always written.")
  String tables;

  @Option(names = "--max-page-bytes", defaultValue = "10m", paramLabel = "<size>", converter = Converters.ByteSize.class,
      description = "Decompressed bytes kept per page; longer pages are truncated and flagged (default: ${DEFAULT-VALUE}).")
  long maxPageBytes;

  @Option(names = "--max-quarantine-ratio", defaultValue = "0.05", paramLabel = "<ratio>", converter = Converters.Ratio.class,
      description = "Fail the run (exit 3) when quarantine / (pages + quarantine) is above this (default: ${DEFAULT-VALUE}).")
  double maxQuarantineRatio;

  @Option(names = "--record-time-limit", defaultValue = "30s", paramLabel = "<duration>", converter = Converters.Seconds.class,
      description = "Time allowed to parse one record; a slower one is quarantined as timeout (default: ${DEFAULT-VALUE}).")
  Duration recordTimeLimit;

  @Option(names = "--min-non-null", split = ",", paramLabel = "<column>=<ratio>", converter = Converters.ColumnRatio.class,
      description = "Quality gate: fail the run (exit 3) when the share of pages with a value in the column is below the ratio,"
          + " e.g. url=1,title=0.9,main_text=0.8.")
  List<Map.Entry<String, Double>> minNonNull = List.of();

  @Option(names = "--allow-empty", description = "A missing or empty input partition is not an error: empty tables are written.")
  boolean allowEmpty;

  @Option(names = "--register", paramLabel = "<database>",
      description = "After a run whose quality gates pass, register the tables written in this catalog database (Hive metastore / AWS Glue), as the register job does.")
  String register;

  @Mixin
  DryRun dryRun;

  ParsePagesOptions options() {
    List<TableSchema> tableList;
    try {
      tableList = Converters.tables(tables);
    } catch (TypeConversionException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--tables': " + e.getMessage());
    }
    if (register != null) {
      try {
        TableDdl.checkName("database", register);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--register': " + e.getMessage());
      }
      if (format == TableFormat.JSON) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--register': json tables are not registered, use --format parquet or delta");
      }
    }
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    return new ParsePagesOptions(input, date, output, format, tableList, maxPageBytes, maxQuarantineRatio, allowEmpty, args, recordTimeLimit,
        nonNullRatios(), register);
  }

  private Map<String, Double> nonNullRatios() {
    Map<String, Double> ratios = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Double> e : minNonNull) {
      if (io.htmllake.schemas.Tables.PAGES.columns().stream().noneMatch(c -> c.name().equals(e.getKey()))) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--min-non-null': pages has no column '"
            + e.getKey() + "'");
      }
      ratios.put(e.getKey(), e.getValue());
    }
    return ratios;
  }

  @Override
  public Integer call() throws Exception {
    ParsePagesOptions options = options();
    if (dryRun.enabled()) {
      ParsePagesJob.plan(DryRun.hadoopConfiguration(), options).print(spec.commandLine().getOut());
      return ExitCode.OK.code();
    }
    RunResult result;
    try (SparkSessions.Owned spark = SparkSessions.open(ParsePagesJob.NAME, options.registers())) {
      if (options.registers()) {
        RegisterJob.requireCatalog(spark.session(), options.format()); // before the run, not after an hour of parsing
      }
      result = ParsePagesJob.run(spark.session(), options);
      printSummary(options, result);
      if (!result.passed()) {
        result.failures().forEach(spec.commandLine().getErr()::println);
        if (options.registers()) {
          spec.commandLine().getErr().println("not registered in " + options.registerDatabase() + ": a quality gate failed");
        }
        spec.commandLine().getErr().flush();
        return ExitCode.QUALITY_GATE.code();
      }
      if (options.registers()) {
        // Only what passed the gates is published to the catalog; the tables this run wrote, nothing else.
        RegisterOptions registration = new RegisterOptions(options.registerDatabase(), options.output(), options.date(),
            options.format(), ParsePagesJob.tablesToWrite(options));
        RegisterCommand.print(spec.commandLine().getOut(), RegisterJob.run(spark.session(), registration), options.date());
      }
    }
    return ExitCode.OK.code();
  }

  private void printSummary(ParsePagesOptions options, RunResult result) {
    var out = spec.commandLine().getOut();
    ParsePagesJob.Counts c = result.counts();
    out.printf("%s %s: %d records read = %d pages + %d quarantined + %d skipped %s%n", ParsePagesJob.NAME, options.date(),
        c.read(), c.pages(), c.quarantined(), c.skipped(), c.skippedByKind());
    for (Map.Entry<String, Long> e : result.rowsWritten().entrySet()) {
      out.printf("  %-16s %8d rows  %s%n", e.getKey(), e.getValue(), result.locations().get(e.getKey()));
    }
    if (!c.quarantineByReason().isEmpty()) {
      out.printf("  quarantine by reason: %s%n", c.quarantineByReason());
    }
    out.printf("  manifest: %s%n", result.manifestPath());
    if (result.reportPath() != null) {
      out.printf("  report:   %s%n", result.reportPath());
    }
    out.flush();
  }
}

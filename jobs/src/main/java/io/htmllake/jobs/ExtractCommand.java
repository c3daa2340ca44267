package io.htmllake.jobs;

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

/** Command line of extract: reads and validates the spec before Spark starts, runs, maps the outcome to an exit code. */
@Command(name = ExtractJob.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Extract a typed table from a raw partition (<raw-uri>/dt=<date>/**) with a declarative spec "
        + "(conf/extractors/*.yaml); writes <lake-uri>/<table>_v<version>/dt=<date>/ and <table>_v<version>_quarantine.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:anything else", "2:bad arguments, an invalid spec, or a spec change that needs a new version",
        "3:quality gate failed (no rows, quarantine ratio)", "4:input partition missing or empty (unless --allow-empty)"})
public final class ExtractCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--spec", required = true, paramLabel = "<file>",
      description = "Extraction spec (YAML; a local path or s3://, s3a://, hdfs:// URI), e.g. conf/extractors/lodging.yaml.")
  String specFile;

  @Option(names = "--input", required = true, paramLabel = "<raw-uri>",
      description = "Raw zone root (s3://, s3a:// or a local path); the run reads <raw-uri>/dt=<date>/ recursively, "
          + "every format parse-pages reads.")
  String input;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
      description = "Date partition to read and write.")
  LocalDate date;

  @Option(names = "--output", required = true, paramLabel = "<lake-uri>",
      description = "Curated zone root; the table goes to <lake-uri>/<table>_v<version>/dt=<date>/.")
  String output;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|json", converter = Converters.Format.class,
      description = "Table format (default: ${DEFAULT-VALUE}).")
  TableFormat format;

  @Option(names = "--max-page-bytes", defaultValue = "10m", paramLabel = "<size>", converter = Converters.ByteSize.class,
      description = "Decompressed bytes kept per page (default: ${DEFAULT-VALUE}).")
  long maxPageBytes;

  @Option(names = "--max-quarantine-ratio", defaultValue = "0.05", paramLabel = "<ratio>", converter = Converters.Ratio.class,
      description = "Fail the run (exit 3) when quarantine rows / (rows + quarantine rows) is above this (default: ${DEFAULT-VALUE}).")
  double maxQuarantineRatio;

  @Option(names = "--allow-empty", description = "A missing or empty input partition is not an error: empty tables are written.")
  boolean allowEmpty;

  @Mixin
  DryRun dryRun;

  ExtractOptions options() {
    if (format == TableFormat.DELTA) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': delta is not available yet, use parquet or json");
    }
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    String text = ExtractOptions.readSpec(specFile, DryRun.hadoopConfiguration()); // spark.hadoop.* from --conf apply
    ExtractOptions options = new ExtractOptions(specFile, text, input, date, output, format, maxPageBytes, maxQuarantineRatio,
        allowEmpty, args);
    options.spec(); // every spec error, before Spark starts or any data is read
    return options;
  }

  @Override
  public Integer call() throws Exception {
    ExtractOptions options = options();
    if (dryRun.enabled()) {
      ExtractJob.dryRun(DryRun.hadoopConfiguration(), options).print(spec.commandLine().getOut());
      return ExitCode.OK.code();
    }
    ExtractResult result;
    try (SparkSessions.Owned spark = SparkSessions.open(ExtractJob.NAME)) {
      result = ExtractJob.run(spark.session(), options);
    }
    printSummary(options, result);
    if (!result.passed()) {
      result.failures().forEach(spec.commandLine().getErr()::println);
      spec.commandLine().getErr().flush();
      return ExitCode.QUALITY_GATE.code();
    }
    return ExitCode.OK.code();
  }

  private void printSummary(ExtractOptions options, ExtractResult result) {
    var out = spec.commandLine().getOut();
    ExtractJob.Counts c = result.counts();
    out.printf("%s %s %s (schema %s): %d records read = %d pages + %d quarantined + %d skipped %s%n", ExtractJob.NAME,
        result.table(), options.date(), result.fingerprint(), c.read(), c.pages(), c.quarantinedRecords(), c.skipped(),
        c.skippedByKind());
    for (Map.Entry<String, Long> e : result.rowsWritten().entrySet()) {
      out.printf("  %-28s %8d rows  %s%n", e.getKey(), e.getValue(), result.locations().get(e.getKey()));
    }
    if (!c.quarantineByReason().isEmpty()) {
      out.printf("  quarantine by reason: %s%n", c.quarantineByReason());
    }
    out.printf("  manifest: %s%n", result.manifestPath());
    out.flush();
  }
}

package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Command line of maintain: compaction of a date's small files (Parquet), OPTIMIZE and VACUUM (Delta). */
@Command(name = MaintainJob.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Compact one date partition of each table into target-size files (Parquet), or OPTIMIZE that date and"
        + " VACUUM the table (Delta).",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:anything else", "2:bad arguments or configuration", "4:the lake does not exist",
        "5:a parse-pages or maintain run of the same date is running"})
public final class MaintainCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--output", required = true, paramLabel = "<lake-uri>", description = "Curated zone root (as given to parse-pages).")
  String output;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
      description = "Date partition to compact.")
  LocalDate date;

  @Option(names = "--tables", defaultValue = "pages,links,structured_data,offers,quarantine", paramLabel = "<t1,t2>",
      description = "Tables to maintain (default: ${DEFAULT-VALUE}).")
  String tables;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|delta", converter = Converters.Format.class,
      description = "Table format (default: ${DEFAULT-VALUE}).")
  TableFormat format;

  @Option(names = "--target-file-size", defaultValue = "128m", paramLabel = "<size>", converter = Converters.ByteSize.class,
      description = "Size of the files written (default: ${DEFAULT-VALUE}).")
  long targetFileBytes;

  @Option(names = "--retention-hours", defaultValue = "168", paramLabel = "<hours>",
      description = "Delta VACUUM: remove files no longer referenced and older than this (default: ${DEFAULT-VALUE};"
          + " below 168 a reader of an older version may fail).")
  int retentionHours;

  @Mixin
  DryRun dryRun;

  MaintainOptions options() {
    List<TableSchema> tableList;
    try {
      tableList = Converters.tables(tables);
    } catch (TypeConversionException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--tables': " + e.getMessage());
    }
    if (format == TableFormat.JSON) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': maintain works on parquet or delta, not json");
    }
    if (retentionHours < 0) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--retention-hours': must be 0 or more, got " + retentionHours);
    }
    return new MaintainOptions(output, date, tableList, format, targetFileBytes, retentionHours,
        spec.commandLine().getParseResult().originalArgs());
  }

  @Override
  public Integer call() throws Exception {
    MaintainOptions options = options();
    var out = spec.commandLine().getOut();
    if (dryRun.enabled()) {
      MaintainJob.plan(DryRun.hadoopConfiguration(), options).print(out);
      return ExitCode.OK.code();
    }
    MaintainJob.Result result;
    try (SparkSessions.Owned spark = SparkSessions.open(MaintainJob.NAME)) {
      result = MaintainJob.run(spark.session(), options);
    }
    out.printf("%s %s (%s):%n", MaintainJob.NAME, options.date(), options.format().source());
    for (MaintainJob.TableResult r : result.tables()) {
      out.printf("  %-16s %6d files -> %6d files, %d rows%s%n", r.table(), r.filesBefore(), r.filesAfter(), r.rows(),
          r.note().isEmpty() ? "" : "  (" + r.note() + ")");
    }
    out.printf("  manifest: %s%n", result.manifestPath());
    out.flush();
    return ExitCode.OK.code();
  }
}

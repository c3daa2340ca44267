package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import java.io.PrintWriter;
import java.time.Instant;
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

/** Command line of register: parses flags into {@link RegisterOptions}, registers (or prints the DDL), maps the outcome to an exit code. */
@Command(name = RegisterJob.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {"Create the lake's tables in the Hive metastore / AWS Glue Data Catalog when missing and add the date's partition,"
        + " so Athena, Trino and Spark SQL can query them. Idempotent.",
        "With --print-ddl, print the equivalent Athena and Spark SQL DDL instead (no metastore or Spark needed)."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:anything else",
        "2:bad arguments or configuration, including a registered table that is incompatible (other format, location, or a breaking schema change)",
        "4:the lake does not exist"})
public final class RegisterCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--database", required = true, paramLabel = "<name>",
      description = "Catalog database (lower-case letters, digits, underscores); created when missing.")
  String database;

  @Option(names = "--output", required = true, paramLabel = "<lake-uri>",
      description = "Curated zone root, as given to parse-pages; table t is at <lake-uri>/t.")
  String output;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = Converters.Date.class,
      description = "Date partition to add (or drop, when the table has no rows that date).")
  LocalDate date;

  @Option(names = "--tables", defaultValue = "pages,links,structured_data,offers,quarantine", paramLabel = "<t1,t2>",
      description = "Tables to register (default: ${DEFAULT-VALUE}).")
  String tables;

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|delta", converter = Converters.Format.class,
      description = "How the tables are stored (default: ${DEFAULT-VALUE}).")
  TableFormat format;

  @Option(names = "--print-ddl", description = "Print the DDL instead of registering.")
  boolean printDdl;

  @Mixin
  DryRun dryRun;

  @Option(names = "--dialect", defaultValue = "all", paramLabel = "athena|spark|all",
      description = "With --print-ddl: which DDL to print (default: ${DEFAULT-VALUE}).")
  String dialect;

  RegisterOptions options() {
    List<TableSchema> tableList;
    try {
      tableList = Converters.tables(tables);
    } catch (TypeConversionException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--tables': " + e.getMessage());
    }
    if (format == TableFormat.JSON) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--format': json tables are not registered, use parquet or delta");
    }
    try {
      TableDdl.checkName("database", database);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--database': " + e.getMessage());
    }
    return new RegisterOptions(database, output, date, format, tableList);
  }

  List<TableDdl.Dialect> dialects() {
    return switch (dialect.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "athena" -> List.of(TableDdl.Dialect.ATHENA);
      case "spark" -> List.of(TableDdl.Dialect.SPARK);
      case "all" -> List.of(TableDdl.Dialect.ATHENA, TableDdl.Dialect.SPARK);
      default -> throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--dialect': expected athena, spark or all, got '" + dialect + "'");
    };
  }

  @Override
  public Integer call() throws Exception {
    RegisterOptions options = options();
    PrintWriter out = spec.commandLine().getOut();
    if (printDdl) {
      out.print(RegisterJob.ddlText(options, dialects()));
      out.flush();
      return ExitCode.OK.code();
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--dialect")) {
      throw new ParameterException(spec.commandLine(), "Invalid option '--dialect': it only applies with --print-ddl");
    }
    if (dryRun.enabled()) {
      SparkSessions.requireHiveSupport();
      RegisterJob.dryRun(DryRun.hadoopConfiguration(), options).print(out);
      return ExitCode.OK.code();
    }
    Instant started = Instant.now();
    RegisterResult result;
    String manifest;
    try (SparkSessions.Owned spark = SparkSessions.open(RegisterJob.NAME, true)) {
      result = RegisterJob.run(spark.session(), options);
      manifest = RegisterJob.writeManifest(spark.session(), options, result, started,
          spec.commandLine().getParseResult().originalArgs());
    }
    print(out, result, options.date());
    out.printf("  manifest: %s%n", manifest);
    out.flush();
    return ExitCode.OK.code();
  }

  /** One line a table: what changed, or that nothing did. */
  static void print(PrintWriter out, RegisterResult result, LocalDate date) {
    out.printf("register %s dt=%s: %s%n", result.database(), date,
        result.unchanged() ? "nothing to change" : result.createdDatabase() ? "created the database" : "updated");
    for (RegisterResult.Table t : result.tables()) {
      List<String> lines = new java.util.ArrayList<>(t.changes());
      lines.addAll(t.notes());
      out.printf("  %-16s %s%n", t.name(), lines.isEmpty() ? "unchanged" : String.join("; ", lines));
    }
    out.flush();
  }
}

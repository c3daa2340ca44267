package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;


/**
 * register: creates the catalog database and the lake's tables when missing (external tables at
 * {@code <lake>/<table>}, {@code dt} as the partition column, columns and comments from
 * {@code schemas/}, the schema version as a table property) and adds, moves or drops the date's
 * partition; Delta tables are registered as Delta. Running it twice changes nothing. Works with
 * any Hive metastore Spark talks to, including the AWS Glue Data Catalog on EMR.
 */
public final class RegisterJob {

  public static final String NAME = "register";
  static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  private RegisterJob() {}

  /** Entry point for spark-submit. */
  public static void main(String[] args) {
    System.exit(Cli.execute(new RegisterCommand(), args));
  }

  /**
   * Registers the tables on a session the caller owns. Plans every table before changing
   * anything, so a refused table leaves the catalog as it was. Never calls System.exit.
   *
   * @throws JobException exit 2 when the session has no Hive catalog (or no Delta catalog for
   *     Delta tables) or a registered table is incompatible; exit 4 when the lake does not exist
   */
  public static RegisterResult run(SparkSession spark, RegisterOptions options) throws IOException {
    requireCatalog(spark, options.format());
    Path lake = new Path(options.lake());
    if (!lake.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(lake)) {
      throw new JobException(ExitCode.NO_INPUT, "Cannot register " + options.database() + ": the lake " + options.lake() + " does not exist");
    }
    List<TableDdl> tables = ddl(options);
    spark.sparkContext().setJobGroup(NAME + "-" + options.database(), "REGISTER " + options.database() + " dt=" + options.date(), false);
    try {
      CatalogRegistrar registrar = new CatalogRegistrar(spark, options.database(), options.date());
      List<String> database = registrar.planDatabase();
      List<CatalogRegistrar.TablePlan> plans = new ArrayList<>();
      for (TableDdl table : tables) {
        plans.add(registrar.plan(table));
      }
      registrar.apply(database, plans);
      List<RegisterResult.Table> results = plans.stream()
          .map(p -> new RegisterResult.Table(p.ddl().schema().name(), p.changes(), p.notes(), p.statements())).toList();
      return new RegisterResult(options.database(), !database.isEmpty(), results);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * What {@link #run} would do, from the options and the lake's listing only: the catalog is not
   * contacted (whether a table is already registered is decided by the run), nothing is created,
   * altered or written (for {@code --dry-run}). A lake that does not exist yet is said so rather
   * than refused, so that a whole chain of steps can be dry-run before parse-pages has written it.
   *
   * @throws JobException exit 2 for an output no file system can reach
   */
  public static JobPlan dryRun(Configuration hadoop, RegisterOptions options) throws IOException {
    List<TableDdl> tables = ddl(options);
    JobPlan.Builder plan = JobPlan.of(NAME);
    FileSystem fs;
    try {
      fs = new Path(options.lake()).getFileSystem(hadoop);
    } catch (IOException | RuntimeException e) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot read --output " + options.output() + ": " + e.getMessage());
    }
    boolean lakeExists = fs.exists(new Path(options.lake()));
    plan.add("input", "lake", options.lake(), lakeExists ? "exists" : "does not exist yet: a run now would exit 4");
    plan.add("catalog", options.database(), metastore(), "database created when missing; the catalog is not contacted in a dry run");
    for (TableDdl table : tables) {
      String name = options.database() + "." + table.schema().name();
      String location = table.location(TableDdl.Dialect.SPARK);
      if (table.format() == TableFormat.DELTA) {
        boolean log = lakeExists && fs.exists(new Path(location, "_delta_log"));
        plan.add("table", name, location, log ? "delta: created when missing, no partition change"
            : "delta: no _delta_log yet, would be skipped");
        continue;
      }
      String partition = table.partitionLocation(TableDdl.Dialect.SPARK, options.date());
      boolean rows = lakeExists && fs.exists(new Path(partition));
      plan.add("table", name, location, "parquet, schema " + table.schema().version() + ": created when missing, columns added when older");
      plan.add("partition", name, partition, rows ? "added, or moved here, when not registered so"
          : "no directory: a registered dt=" + options.date() + " would be dropped");
    }
    plan.add("output", "manifest", RunManifest.path(options.output(), NAME, options.date().toString(), "<run-id>"), "");
    plan.setting("format", options.format().source());
    return plan.build();
  }

  /** Which metastore the session would use, as far as spark-submit's conf tells (hive-site.xml may say more). */
  static String metastore() {
    SparkConf conf = new SparkConf();
    String factory = conf.get("spark.hadoop.hive.metastore.client.factory.class", "");
    if (factory.contains("Glue")) {
      return "AWS Glue Data Catalog (" + factory + ")";
    }
    if (conf.contains("spark.hadoop.hive.metastore.uris")) {
      return "Hive metastore " + conf.get("spark.hadoop.hive.metastore.uris");
    }
    if (conf.contains("spark.hadoop.javax.jdo.option.ConnectionURL")) {
      return "Hive metastore " + conf.get("spark.hadoop.javax.jdo.option.ConnectionURL");
    }
    return "the Hive metastore of hive-site.xml (none: Spark's embedded Derby in the working directory)";
  }

  /**
   * Writes the run manifest {@code <output>/_runs/register/dt=<date>/<run-id>.json}: the database,
   * and per table its location, the partition, what changed, what was already right and the
   * statements run. Returns its path.
   */
  static String writeManifest(SparkSession spark, RegisterOptions options, RegisterResult result, Instant started,
      List<String> arguments) throws IOException {
    String runId = RunManifest.newRunId(started);
    String path = RunManifest.path(options.output(), NAME, options.date().toString(), runId);
    List<Map<String, Object>> tables = new ArrayList<>();
    for (RegisterResult.Table t : result.tables()) {
      TableSchema schema = options.tables().stream().filter(s -> s.name().equals(t.name())).findFirst().orElseThrow();
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("name", options.database() + "." + t.name());
      table.put("location", options.location(schema));
      table.put("schema_version", schema.version());
      table.put("changes", t.changes());
      table.put("notes", t.notes());
      table.put("statements", t.statements());
      tables.add(table);
    }
    Map<String, Object> optionsMap = new LinkedHashMap<>();
    optionsMap.put("database", options.database());
    optionsMap.put("output", options.output());
    optionsMap.put("format", options.format().source());
    optionsMap.put("tables", options.tables().stream().map(TableSchema::name).toList());
    RunManifest.begin(runId, NAME, spark, options.date().toString(), "succeeded", started, arguments, optionsMap,
            RunManifest.versions(spark, false))
        .put("database", options.database())
        .put("created_database", result.createdDatabase())
        .put("changed", !result.unchanged())
        .put("tables", tables)
        .write(spark.sparkContext().hadoopConfiguration(), path);
    return path;
  }

  /**
   * The DDL that creates the database and the tables and adds the date's partitions, for a catalog
   * htmllake cannot reach (Athena without a shared metastore, a Spark without Hive support). One
   * statement a paragraph, each ending in {@code ;}; comment lines start with {@code --}.
   */
  public static String ddlText(RegisterOptions options, List<TableDdl.Dialect> dialects) {
    List<TableDdl> tables = ddl(options);
    StringBuilder text = new StringBuilder();
    for (TableDdl.Dialect dialect : dialects) {
      if (dialect == TableDdl.Dialect.ATHENA) {
        text.append("-- Athena / AWS Glue Data Catalog (Hive DDL). Run one statement at a time.\n");
      } else {
        text.append("-- Spark SQL (spark-sql, spark.sql(...)), Delta tables need Delta's catalog: spark.sql.catalog.spark_catalog=")
            .append(DELTA_CATALOG).append(".\n");
      }
      text.append(TableDdl.createDatabase(options.database())).append(";\n\n");
      for (TableDdl table : tables) {
        text.append(table.createTable(dialect)).append(";\n\n");
        if (table.format() == TableFormat.PARQUET) {
          text.append("-- The ").append(options.date()).append(" partition; when a table has no rows that date, run ")
              .append(table.dropPartition(options.date())).append(" instead.\n");
          if (dialect == TableDdl.Dialect.ATHENA) {
            text.append("-- To add every dt=... directory at once (first load, backfills): ").append(table.repairTable()).append(";\n");
          }
          text.append(table.addPartition(dialect, options.date())).append(";\n\n");
        }
      }
    }
    return text.toString();
  }

  static List<TableDdl> ddl(RegisterOptions options) {
    List<TableDdl> tables = new ArrayList<>();
    for (TableSchema schema : options.tables()) {
      try {
        tables.add(new TableDdl(options.database(), schema, options.location(schema), options.format()));
      } catch (IllegalArgumentException e) {
        throw new JobException(ExitCode.BAD_ARGUMENTS, e.getMessage());
      }
    }
    return tables;
  }

  /** Registering into Spark's in-memory catalog would vanish with the session: refuse instead of pretending. */
  static void requireCatalog(SparkSession spark, TableFormat format) {
    String catalog = spark.sparkContext().conf().get("spark.sql.catalogImplementation", "in-memory");
    if (!catalog.equals("hive")) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot register: the Spark session has no Hive metastore"
          + " (spark.sql.catalogImplementation=" + catalog + "); run with Spark's Hive support (on EMR, the Glue Data Catalog)");
    }
    if (format == TableFormat.DELTA && !spark.sparkContext().conf().get("spark.sql.catalog.spark_catalog", "").equals(DELTA_CATALOG)) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot register Delta tables: the Spark session needs"
          + " spark.sql.catalog.spark_catalog=" + DELTA_CATALOG + " and spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension");
    }
    if (format == TableFormat.JSON) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot register json tables: they are for inspection, register parquet or delta");
    }
  }
}

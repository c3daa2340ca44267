package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Brings a catalog (Hive metastore, or AWS Glue through it) in line with the lake for one date:
 * plans every table first, refusing the whole run on the first incompatibility, then applies the
 * plan. Each statement is one {@link TableDdl} produces, so what {@code register} runs is what
 * {@code register --print-ddl} shows.
 */
final class CatalogRegistrar {

  /** What registering one table will do (statements) and did not need to do (notes). */
  record TablePlan(TableDdl ddl, List<String> statements, List<String> changes, List<String> notes) {}

  private final SparkSession spark;
  private final ExternalCatalog catalog;
  private final Configuration hadoop;
  private final String database;
  private final LocalDate date;

  CatalogRegistrar(SparkSession spark, String database, LocalDate date) {
    this.spark = spark;
    this.catalog = spark.sharedState().externalCatalog();
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    this.database = database;
    this.date = date;
  }

  /** Statements that create the database, when it is missing. */
  List<String> planDatabase() {
    return catalog.databaseExists(database) ? List.of() : List.of(TableDdl.createDatabase(database));
  }

  /**
   * @throws JobException (bad configuration) when the registered table is not compatible: another
   *     format, another location, other partition columns, or a breaking schema change
   */
  TablePlan plan(TableDdl ddl) throws IOException {
    return ddl.format() == TableFormat.DELTA ? planDelta(ddl) : planParquet(ddl);
  }

  /** Runs the plans' statements in order and refreshes the tables they changed in this session. */
  void apply(List<String> databaseStatements, List<TablePlan> plans) {
    databaseStatements.forEach(spark::sql);
    for (TablePlan plan : plans) {
      if (plan.statements().isEmpty()) {
        continue;
      }
      plan.statements().forEach(spark::sql);
      spark.catalog().refreshTable(database + "." + plan.ddl().schema().name());
    }
  }

  private TablePlan planParquet(TableDdl ddl) throws IOException {
    TableSchema schema = ddl.schema();
    String name = schema.name();
    List<String> statements = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean exists = catalog.databaseExists(database) && catalog.tableExists(database, name);
    if (!exists) {
      statements.add(ddl.createTable(TableDdl.Dialect.SPARK));
      changes.add("created (parquet, schema " + schema.version() + ")");
    } else {
      CatalogTable table = catalog.getTable(database, name);
      String provider = table.provider().isDefined() ? table.provider().get().toLowerCase(Locale.ROOT) : "";
      boolean parquet = provider.equals("parquet")
          || provider.equals("hive") && table.storage().serde().isDefined() && table.storage().serde().get().toLowerCase(Locale.ROOT).contains("parquet");
      if (!parquet) {
        throw refuse(name, "it is registered as " + (provider.isEmpty() ? "an unknown format" : provider) + ", not parquet");
      }
      checkLocation(name, table.location(), ddl.location(TableDdl.Dialect.SPARK));
      List<String> partitionColumns = JavaConverters.seqAsJavaList(table.partitionColumnNames());
      if (!partitionColumns.equals(List.of(TableSchema.PARTITION_COLUMN))) {
        throw refuse(name, "it is partitioned by " + partitionColumns + ", not [dt]");
      }
      String version = property(table, TableDdl.VERSION_PROPERTY);
      schemaStatements(ddl, SchemaChange.of(table.dataSchema(), version, schema), version, true, statements, changes, notes);
    }

    Path partition = new Path(ddl.partitionLocation(TableDdl.Dialect.SPARK, date));
    boolean hasRows = partition.getFileSystem(hadoop).exists(partition);
    Option<CatalogTablePartition> registered = exists
        ? catalog.getPartitionOption(database, name, new scala.collection.immutable.Map.Map1<>(TableSchema.PARTITION_COLUMN, date.toString()))
        : Option.empty();
    String dt = TableSchema.PARTITION_COLUMN + "=" + date;
    if (hasRows && registered.isEmpty()) {
      statements.add(ddl.addPartition(TableDdl.Dialect.SPARK, date));
      changes.add("added partition " + dt);
    } else if (hasRows && !sameLocation(registered.get().location(), ddl.partitionLocation(TableDdl.Dialect.SPARK, date))) {
      statements.add(ddl.setPartitionLocation(date));
      changes.add("moved partition " + dt + " from " + registered.get().location());
    } else if (hasRows) {
      notes.add("partition " + dt + " already registered");
    } else if (registered.isDefined()) {
      statements.add(ddl.dropPartition(date));
      changes.add("dropped partition " + dt + " (no rows for the date: its directory is gone)");
    } else {
      notes.add("no partition " + dt + " (no rows for the date)");
    }
    return new TablePlan(ddl, statements, changes, notes);
  }

  private TablePlan planDelta(TableDdl ddl) throws IOException {
    TableSchema schema = ddl.schema();
    String name = schema.name();
    String location = ddl.location(TableDdl.Dialect.SPARK);
    List<String> statements = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Path log = new Path(location, "_delta_log");
    if (!log.getFileSystem(hadoop).exists(log)) {
      notes.add("not registered: no Delta table at " + location + " yet (the first run that writes it can register it)");
      return new TablePlan(ddl, statements, changes, notes);
    }
    boolean exists = catalog.databaseExists(database) && catalog.tableExists(database, name);
    if (exists) {
      CatalogTable table = catalog.getTable(database, name);
      String provider = table.provider().isDefined() ? table.provider().get().toLowerCase(Locale.ROOT) : "";
      if (!provider.equals("delta")) {
        throw refuse(name, "it is registered as " + (provider.isEmpty() ? "an unknown format" : provider) + ", not delta");
      }
      checkLocation(name, table.location(), location);
    }
    // A Delta table's schema and partitioning are its log's; the catalog entry only points at it.
    Row detail = spark.sql("DESCRIBE DETAIL delta.`" + location + "`").first();
    List<String> partitionColumns = detail.getList(detail.fieldIndex("partitionColumns"));
    if (!partitionColumns.equals(List.of(TableSchema.PARTITION_COLUMN))) {
      throw refuse(name, "the Delta table at " + location + " is partitioned by " + partitionColumns + ", not [dt]");
    }
    StructType logSchema = spark.read().format("delta").load(location).schema();
    StructType data = new StructType(java.util.Arrays.stream(logSchema.fields())
        .filter(f -> !f.name().equalsIgnoreCase(TableSchema.PARTITION_COLUMN)).toArray(StructField[]::new));
    SchemaChange change = SchemaChange.of(data, null, schema);
    schemaStatements(ddl, change, null, false, statements, changes, notes);
    if (!exists) {
      statements.add(0, ddl.createTable(TableDdl.Dialect.SPARK));
      changes.add(0, "created (delta)");
    }
    notes.add("Delta tables have no catalog partitions: dt=" + date + " is in the table when its log says so");
    return new TablePlan(ddl, statements, changes, notes);
  }

  /** Adds the statements (or notes) a schema change calls for; only Parquet tables are altered, a Delta log is its writer's. */
  private void schemaStatements(TableDdl ddl, SchemaChange change, String registeredVersion, boolean alter,
      List<String> statements, List<String> changes, List<String> notes) {
    TableSchema schema = ddl.schema();
    if (change instanceof SchemaChange.Breaking breaking) {
      throw refuse(schema.name(), breaking.reason());
    }
    if (change instanceof SchemaChange.Additive additive) {
      List<String> names = additive.columns().stream().map(io.htmllake.schemas.Column::name).toList();
      if (alter) {
        statements.add(ddl.addColumns(additive.columns()));
        statements.add(ddl.setVersion());
        changes.add("added columns " + String.join(", ", names) + " (schema " + registeredVersion + " -> " + schema.version() + ")");
      } else {
        notes.add("the Delta log has no " + String.join(", ", names) + " yet (schema " + schema.version()
            + "); the next write of the new schema adds them");
      }
    } else if (change instanceof SchemaChange.Newer newer) {
      notes.add("registered with newer columns " + String.join(", ", newer.columns()) + " than schema " + schema.version()
          + "; left as it is");
    } else if (alter && !schema.version().equals(registeredVersion)) {
      statements.add(ddl.setVersion());
      changes.add("schema version " + registeredVersion + " -> " + schema.version());
    }
  }

  private void checkLocation(String name, URI registered, String expected) throws IOException {
    if (!sameLocation(registered, expected)) {
      throw refuse(name, "it is registered at " + registered + ", not at " + expected);
    }
  }

  private boolean sameLocation(URI registered, String expected) throws IOException {
    return normalised(registered.toString()).equals(normalised(expected));
  }

  /** Fully qualified, without a trailing slash, and s3a:// / s3n:// as s3://, so catalogs written by Athena or Spark compare equal. */
  private String normalised(String location) throws IOException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(hadoop);
    return TableDdl.athenaUri(Paths.stripSlash(fs.makeQualified(path).toString()));
  }

  private static String property(CatalogTable table, String key) {
    Option<String> value = table.properties().get(key);
    return value.isDefined() ? value.get() : null;
  }

  private JobException refuse(String table, String reason) {
    return new JobException(ExitCode.BAD_ARGUMENTS, "Cannot register " + database + "." + table + ": " + reason
        + " (drop the table or register into another --database)");
  }
}

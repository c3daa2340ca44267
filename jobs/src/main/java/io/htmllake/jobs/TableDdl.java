package io.htmllake.jobs;

import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The DDL of one lake table ({@code <lake>/<table>/dt=YYYY-MM-DD/}) in two dialects: Spark SQL
 * ({@code CREATE TABLE ... USING PARQUET|DELTA}, what {@code register} runs) and Athena's Hive DDL
 * ({@code CREATE EXTERNAL TABLE ... STORED AS PARQUET}, and Athena's column-less Delta form). Pure
 * text: no session, no file system, so {@code register --print-ddl} works anywhere.
 *
 * <p>Identifiers are back-quoted (Athena's DDL and Spark both accept that); names must be lower-case
 * letters, digits and underscores, which is what Athena and Glue allow. Column comments are the
 * schema's descriptions, cut to the 255 characters a Glue column comment (and the Hive metastore's
 * COMMENT column) holds.
 */
public final class TableDdl {

  /** Athena's Hive DDL, or Spark SQL. */
  public enum Dialect { ATHENA, SPARK }

  /** Table property holding the {@code schemas/} version the table was registered with. */
  static final String VERSION_PROPERTY = "htmllake.schema_version";
  /** Table property naming the htmllake table, so a catalog browser can tell where it came from. */
  static final String TABLE_PROPERTY = "htmllake.table";
  static final String PARTITION_COMMENT = "Run date (YYYY-MM-DD), the partition read from the raw zone";
  static final int MAX_COMMENT = 255;

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,254}");

  private final String database;
  private final TableSchema schema;
  private final String location;
  private final TableFormat format;

  /**
   * @param database the catalog database
   * @param schema the table's definition
   * @param location the table's root, {@code <lake>/<table>}, as a URI or a local path
   * @param format parquet or delta
   */
  TableDdl(String database, TableSchema schema, String location, TableFormat format) {
    this.database = checkName("database", database);
    this.schema = Objects.requireNonNull(schema, "schema");
    checkName("table", schema.name());
    this.location = Paths.stripSlash(Objects.requireNonNull(location, "location"));
    this.format = Objects.requireNonNull(format, "format");
    if (format == TableFormat.JSON) {
      throw new IllegalArgumentException("Cannot register " + schema.name() + ": json tables are for inspection, register parquet or delta");
    }
    for (Column c : schema.columns()) {
      checkName("column of " + schema.name(), c.name());
      hiveType(c.type()); // fails on a type catalogs cannot hold
    }
  }

  TableSchema schema() {
    return schema;
  }

  TableFormat format() {
    return format;
  }

  /** {@code `db`.`table`}. */
  String qualifiedName() {
    return quote(database) + "." + quote(schema.name());
  }

  /** The table root as the dialect's catalog stores it: Athena reads S3 as {@code s3://}, never {@code s3a://}. */
  String location(Dialect dialect) {
    return dialect == Dialect.ATHENA ? athenaUri(location) : location;
  }

  String partitionLocation(Dialect dialect, LocalDate date) {
    return location(dialect) + "/" + TableSchema.PARTITION_COLUMN + "=" + date;
  }

  static String createDatabase(String database) {
    return "CREATE DATABASE IF NOT EXISTS " + quote(checkName("database", database))
        + " COMMENT 'htmllake tables: parsed web pages, partitioned by dt'";
  }

  String createTable(Dialect dialect) {
    return switch (dialect) {
      case SPARK -> format == TableFormat.DELTA ? sparkDelta() : sparkParquet();
      case ATHENA -> format == TableFormat.DELTA ? athenaDelta() : athenaParquet();
    };
  }

  /** Spark SQL: a data source table (Spark stores it in the metastore in Hive-compatible form, so Athena reads it too). */
  private String sparkParquet() {
    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualifiedName()).append(" (\n");
    for (Column c : schema.columns()) {
      ddl.append("  ").append(columnDefinition(c)).append(",\n");
    }
    ddl.append("  ").append(quote(TableSchema.PARTITION_COLUMN)).append(" string COMMENT ").append(literal(PARTITION_COMMENT)).append("\n)\n")
        .append("USING PARQUET\n")
        .append("PARTITIONED BY (").append(quote(TableSchema.PARTITION_COLUMN)).append(")\n")
        .append("LOCATION ").append(literal(location(Dialect.SPARK))).append("\n")
        .append("COMMENT ").append(literal(schema.description())).append("\n")
        .append(properties());
    return ddl.toString();
  }

  /** Athena (and Hive): an external Parquet table, dt as the partition column. */
  private String athenaParquet() {
    StringBuilder ddl = new StringBuilder("CREATE EXTERNAL TABLE IF NOT EXISTS ").append(qualifiedName()).append(" (\n");
    for (int i = 0; i < schema.columns().size(); i++) {
      ddl.append("  ").append(columnDefinition(schema.columns().get(i))).append(i + 1 < schema.columns().size() ? ",\n" : "\n");
    }
    ddl.append(")\n")
        .append("COMMENT ").append(literal(schema.description())).append("\n")
        .append("PARTITIONED BY (").append(quote(TableSchema.PARTITION_COLUMN)).append(" string COMMENT ")
        .append(literal(PARTITION_COMMENT)).append(")\n")
        .append("STORED AS PARQUET\n")
        .append("LOCATION ").append(literal(location(Dialect.ATHENA) + "/")).append("\n")
        .append(properties());
    return ddl.toString();
  }

  /** Spark SQL with Delta's catalog: the schema and partitioning come from the table's log. */
  private String sparkDelta() {
    return "CREATE TABLE IF NOT EXISTS " + qualifiedName() + "\nUSING DELTA\nLOCATION " + literal(location(Dialect.SPARK));
  }

  /** Athena's Delta form: only LOCATION and table_type are allowed; columns come from the log. */
  private String athenaDelta() {
    return "CREATE EXTERNAL TABLE IF NOT EXISTS " + qualifiedName() + "\nLOCATION " + literal(location(Dialect.ATHENA) + "/")
        + "\nTBLPROPERTIES ('table_type' = 'DELTA')";
  }

  private String properties() {
    return "TBLPROPERTIES (" + literal(TABLE_PROPERTY) + " = " + literal(schema.name()) + ", "
        + literal(VERSION_PROPERTY) + " = " + literal(schema.version()) + ")";
  }

  /** Adds (or keeps) the date's partition. Parquet only: Delta tables have no metastore partitions. */
  String addPartition(Dialect dialect, LocalDate date) {
    requireParquet("add a partition");
    return "ALTER TABLE " + qualifiedName() + " ADD IF NOT EXISTS PARTITION (" + partitionSpec(date) + ") LOCATION "
        + literal(partitionLocation(dialect, date) + (dialect == Dialect.ATHENA ? "/" : ""));
  }

  String setPartitionLocation(LocalDate date) {
    requireParquet("move a partition");
    return "ALTER TABLE " + qualifiedName() + " PARTITION (" + partitionSpec(date) + ") SET LOCATION "
        + literal(partitionLocation(Dialect.SPARK, date));
  }

  /** Removes the date's partition from the catalog (external table: the files are not touched). */
  String dropPartition(LocalDate date) {
    requireParquet("drop a partition");
    return "ALTER TABLE " + qualifiedName() + " DROP IF EXISTS PARTITION (" + partitionSpec(date) + ")";
  }

  /** Athena / Hive: registers every {@code dt=...} directory under the table at once. */
  String repairTable() {
    requireParquet("repair");
    return "MSCK REPAIR TABLE " + qualifiedName();
  }

  String addColumns(List<Column> columns) {
    List<String> definitions = new ArrayList<>();
    for (Column c : columns) {
      definitions.add(columnDefinition(c));
    }
    return "ALTER TABLE " + qualifiedName() + " ADD COLUMNS (" + String.join(", ", definitions) + ")";
  }

  String setVersion() {
    return "ALTER TABLE " + qualifiedName() + " SET TBLPROPERTIES (" + literal(VERSION_PROPERTY) + " = " + literal(schema.version()) + ")";
  }

  private void requireParquet(String what) {
    if (format != TableFormat.PARQUET) {
      throw new IllegalStateException("Cannot " + what + " of " + schema.name() + ": only parquet tables have catalog partitions");
    }
  }

  private static String partitionSpec(LocalDate date) {
    return TableSchema.PARTITION_COLUMN + " = " + literal(date.toString());
  }

  private static String columnDefinition(Column c) {
    return quote(c.name()) + " " + hiveType(c.type()) + " COMMENT " + literal(comment(c.description()));
  }

  static String comment(String description) {
    String flat = description.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_COMMENT ? flat : flat.substring(0, MAX_COMMENT - 3) + "...";
  }

  /**
   * The Hive type name of a Spark type, as Athena's DDL writes it ({@code string}, {@code bigint},
   * {@code decimal(18,4)}, {@code array<struct<a:string>>}, {@code map<string,string>}).
   *
   * @throws IllegalArgumentException for types a Hive catalog cannot hold (e.g. timestamp_ntz, intervals)
   */
  static String hiveType(DataType type) {
    if (type instanceof DecimalType d) {
      return "decimal(" + d.precision() + "," + d.scale() + ")";
    }
    if (type instanceof ArrayType a) {
      return "array<" + hiveType(a.elementType()) + ">";
    }
    if (type instanceof MapType m) {
      return "map<" + hiveType(m.keyType()) + "," + hiveType(m.valueType()) + ">";
    }
    if (type instanceof StructType s) {
      List<String> fields = new ArrayList<>();
      for (StructField f : s.fields()) {
        fields.add(checkName("struct field", f.name()) + ":" + hiveType(f.dataType()));
      }
      return "struct<" + String.join(",", fields) + ">";
    }
    if (type.equals(DataTypes.StringType)) {
      return "string";
    }
    if (type.equals(DataTypes.IntegerType)) {
      return "int";
    }
    if (type.equals(DataTypes.LongType)) {
      return "bigint";
    }
    if (type.equals(DataTypes.ShortType)) {
      return "smallint";
    }
    if (type.equals(DataTypes.ByteType)) {
      return "tinyint";
    }
    if (type.equals(DataTypes.DoubleType)) {
      return "double";
    }
    if (type.equals(DataTypes.FloatType)) {
      return "float";
    }
    if (type.equals(DataTypes.BooleanType)) {
      return "boolean";
    }
    if (type.equals(DataTypes.BinaryType)) {
      return "binary";
    }
    if (type.equals(DataTypes.DateType)) {
      return "date";
    }
    if (type.equals(DataTypes.TimestampType)) {
      return "timestamp";
    }
    throw new IllegalArgumentException("Cannot register type " + type.simpleString() + ": Athena and the Hive metastore have no equivalent");
  }

  /** {@link #hiveType}, or Spark's own name for a type a catalog table somehow has but htmllake never defines. */
  static String hiveTypeOrName(DataType type) {
    try {
      return hiveType(type);
    } catch (IllegalArgumentException e) {
      return type.simpleString();
    }
  }

  static String quote(String identifier) {
    return "`" + identifier + "`";
  }

  /** A single-quoted SQL string; backslash escapes are what both Spark SQL and Hive/Athena DDL read. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static String checkName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Cannot register " + what + " '" + name
          + "': catalog names are lower-case letters, digits and underscores, not starting with a digit");
    }
    return name;
  }

  /** {@code s3a://b/k} and {@code s3n://b/k} as Athena and Glue name them: {@code s3://b/k}. */
  static String athenaUri(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3a://") || lower.startsWith("s3n://")) {
      return "s3://" + uri.substring(6);
    }
    return uri;
  }
}

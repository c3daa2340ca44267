package io.htmllake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import java.io.IOException;
import java.time.LocalDate;
import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * Writes one table's rows for one date as {@code <output>/<table>/dt=<date>/part-*}, replacing
 * exactly that date. Parquet and JSON: dynamic partition overwrite (other dates are never touched),
 * and an explicit removal of the date's directory when there are no rows for it (dynamic overwrite
 * alone would leave a previous run's rows in place). Delta: one atomic commit with
 * {@code replaceWhere dt = '<date>'} (an empty frame deletes the date's rows), schema enforced, with
 * {@code mergeSchema} only when the run adds columns to the table.
 */
final class TableWriter {

  private final SparkSession spark;
  private final String output;
  private final TableFormat format;

  TableWriter(SparkSession spark, String output, TableFormat format) {
    this.spark = spark;
    this.output = output;
    this.format = format;
  }

  String tablePath(TableSchema table) {
    return Paths.join(output, table.name());
  }

  String partitionPath(TableSchema table, LocalDate date) {
    return Paths.join(tablePath(table), TableSchema.PARTITION_COLUMN + "=" + date);
  }

  /**
   * Selects the table's columns, in definition order and with their descriptions as column
   * metadata (Spark keeps it in the Parquet footer), from {@code prefix.<column>} of the rows.
   */
  static Dataset<Row> project(Dataset<Row> rows, String prefix, TableSchema table) {
    org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[table.columns().size()];
    for (int i = 0; i < columns.length; i++) {
      Column c = table.columns().get(i);
      String source = prefix == null ? c.name() : prefix + "." + c.name();
      columns[i] = col(source).as(c.name(), new MetadataBuilder().putString("description", c.description())
          .putString("since", c.since()).build());
    }
    return rows.select(columns);
  }

  void write(Dataset<Row> projected, TableSchema table, LocalDate date, boolean empty) throws IOException {
    String path = tablePath(table);
    Dataset<Row> rows = FaultInjection.failFirstAttempts(projected);
    if (format == TableFormat.DELTA) {
      writeDelta(rows, table, date);
      return;
    }
    if (empty) {
      deletePartition(table, date);
      return;
    }
    rows.withColumn(TableSchema.PARTITION_COLUMN, lit(date.toString()))
        .write()
        .format(format.source())
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy(TableSchema.PARTITION_COLUMN)
        .save(path);
  }

  private void writeDelta(Dataset<Row> rows, TableSchema table, LocalDate date) {
    String path = tablePath(table);
    Dataset<Row> dated = rows.withColumn(TableSchema.PARTITION_COLUMN, lit(date.toString()));
    boolean additive = false;
    if (DeltaTable.isDeltaTable(spark, path)) {
      additive = DeltaSchemas.requireAdditive(table.name(), path, spark.read().format("delta").load(path).schema(), dated.schema());
    }
    dated.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", dateFilter(date))
        .option("mergeSchema", Boolean.toString(additive))
        .partitionBy(TableSchema.PARTITION_COLUMN)
        .save(path);
  }

  private static String dateFilter(LocalDate date) {
    return TableSchema.PARTITION_COLUMN + " = '" + date + "'";
  }

  /** The table's rows for the date, in the table's columns (without dt); empty when nothing was written. */
  Dataset<Row> read(TableSchema table, LocalDate date) throws IOException {
    String path = tablePath(table);
    if (format == TableFormat.DELTA) {
      if (!DeltaTable.isDeltaTable(spark, path)) {
        return spark.createDataFrame(java.util.List.of(), table.structType());
      }
      return project(spark.read().format("delta").load(path).where(dateFilter(date)), null, table);
    }
    Path partition = new Path(partitionPath(table, date));
    FileSystem fs = partition.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(partition)) {
      return spark.createDataFrame(java.util.List.of(), table.structType());
    }
    return spark.read().format(format.source()).schema(table.structType()).load(partition.toString());
  }

  /**
   * The data files that hold the table's rows for the date, by name relative to the date's
   * partition, with sizes: for Parquet and JSON every file in the partition directory; for Delta
   * the files of the current snapshot (a partition directory also keeps files of older versions
   * until VACUUM, which are not part of the table).
   */
  java.util.Map<String, Long> committedFiles(TableSchema table, LocalDate date) throws IOException {
    String partition = partitionPath(table, date);
    if (format != TableFormat.DELTA) {
      return RunManifest.files(spark.sparkContext().hadoopConfiguration(), partition);
    }
    java.util.Map<String, Long> files = new java.util.TreeMap<>();
    String path = tablePath(table);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return files;
    }
    Path dir = new Path(partition);
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    String prefix = fs.makeQualified(dir).toUri().getPath() + "/";
    for (Row r : spark.read().format("delta").load(path).where(dateFilter(date))
        .select(org.apache.spark.sql.functions.input_file_name()).distinct().collectAsList()) {
      Path file = new Path(java.net.URI.create(r.getString(0)));
      String name = file.toUri().getPath();
      name = name.startsWith(prefix) ? name.substring(prefix.length()) : file.getName();
      files.put(name, fs.getFileStatus(file).getLen());
    }
    return files;
  }

  /** Rows of the table's partition for the date as written, or 0 when it does not exist. */
  long countWritten(TableSchema table, LocalDate date) throws IOException {
    if (format == TableFormat.PARQUET) {
      Path partition = new Path(partitionPath(table, date));
      FileSystem fs = partition.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(partition) ? parquetRows(fs, partition) : 0;
    }
    return read(table, date).count();
  }

  /**
   * Rows of a Parquet partition from its files' footers (each file's row count, as Spark's own count
   * of a Parquet table reads it), without a Spark job. Files named {@code _*} or {@code .*} are not
   * data, as for Spark's reader.
   */
  private static long parquetRows(FileSystem fs, Path partition) throws IOException {
    long rows = 0;
    for (FileStatus file : fs.listStatus(partition)) {
      String name = file.getPath().getName();
      if (!file.isFile() || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, fs.getConf()))) {
        rows += reader.getRecordCount();
      }
    }
    return rows;
  }

  private void deletePartition(TableSchema table, LocalDate date) throws IOException {
    Path partition = new Path(partitionPath(table, date));
    FileSystem fs = partition.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(partition) && !fs.delete(partition, true)) {
      throw new IOException("Cannot replace " + table.name() + " for " + date + ": failed to delete " + partition);
    }
  }
}

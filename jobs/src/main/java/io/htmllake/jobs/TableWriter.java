package io.htmllake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import java.io.IOException;
import java.time.LocalDate;
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
 * exactly that date: Parquet and JSON through dynamic partition overwrite (other dates are never
 * touched), and an explicit removal of the date's directory when there are no rows for it (dynamic
 * overwrite alone would leave a previous run's rows in place).
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

  void write(Dataset<Row> rows, TableSchema table, LocalDate date, boolean empty) throws IOException {
    String path = tablePath(table);
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

  /** Rows of the table's partition for the date as written, or 0 when it does not exist. */
  long countWritten(TableSchema table, LocalDate date) throws IOException {
    Path partition = new Path(partitionPath(table, date));
    FileSystem fs = partition.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(partition)) {
      return 0;
    }
    if (format == TableFormat.PARQUET) {
      return parquetRows(fs, partition);
    }
    return spark.read().format(format.source()).schema(table.structType()).load(partition.toString()).count();
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

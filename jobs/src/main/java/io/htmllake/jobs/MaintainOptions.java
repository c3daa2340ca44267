package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What a maintain run does: which date of which tables, in which format, to what file size and retention. */
public record MaintainOptions(
    String output,
    LocalDate date,
    List<TableSchema> tables,
    TableFormat format,
    long targetFileBytes,
    int retentionHours,
    List<String> arguments) {

  public static final long DEFAULT_TARGET_FILE_BYTES = 128L << 20;
  public static final int DEFAULT_RETENTION_HOURS = 168;

  public MaintainOptions {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(format, "format");
    tables = List.copyOf(tables);
    arguments = List.copyOf(arguments);
    if (format == TableFormat.JSON) {
      throw new IllegalArgumentException("Cannot maintain json tables: only parquet and delta");
    }
  }
}

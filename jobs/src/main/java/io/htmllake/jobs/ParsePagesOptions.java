package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a parse-pages run needs, parsed and validated. Immutable and serialisable, so the
 * values executors need travel with the closure instead of living in driver-side statics.
 * {@code registerDatabase} is the catalog database of {@code --register}, or null.
 */
public record ParsePagesOptions(
    String input,
    LocalDate date,
    String output,
    TableFormat format,
    List<TableSchema> tables,
    long maxPageBytes,
    double maxQuarantineRatio,
    boolean allowEmpty,
    List<String> arguments,
    Duration recordTimeLimit,
    Map<String, Double> minNonNull,
    String registerDatabase) implements Serializable {

  public static final long DEFAULT_MAX_PAGE_BYTES = 10L << 20;
  public static final double DEFAULT_MAX_QUARANTINE_RATIO = 0.05;
  public static final Duration DEFAULT_RECORD_TIME_LIMIT = Duration.ofSeconds(30);

  /** Options with the default time limit per record, no --min-non-null gates, registering nothing. */
  public ParsePagesOptions(String input, LocalDate date, String output, TableFormat format, List<TableSchema> tables,
      long maxPageBytes, double maxQuarantineRatio, boolean allowEmpty, List<String> arguments) {
    this(input, date, output, format, tables, maxPageBytes, maxQuarantineRatio, allowEmpty, arguments, DEFAULT_RECORD_TIME_LIMIT, Map.of(), null);
  }

  public ParsePagesOptions {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(format, "format");
    tables = List.copyOf(tables);
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(recordTimeLimit, "recordTimeLimit");
    minNonNull = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(minNonNull));
  }

  /** The raw partition this run reads. */
  public String inputPartition() {
    return Paths.join(input, "dt=" + date);
  }

  /** Whether the run registers the tables it wrote in {@link #registerDatabase()} ({@code --register}). */
  public boolean registers() {
    return registerDatabase != null;
  }

  public boolean writes(TableSchema table) {
    return tables.contains(table);
  }
}

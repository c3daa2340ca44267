package io.htmllake.jobs;

import java.util.Locale;

/** Output formats of the curated zone. */
public enum TableFormat {
  PARQUET, DELTA, JSON;

  /** Spark data source name. */
  public String source() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.htmllake.parsers.FetchMetadata;
import io.htmllake.parsers.PageParser;
import io.htmllake.parsers.ParsedPage;
import io.htmllake.parsers.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A junk time must cost the row its value, not the whole write (Spark refuses pre-Gregorian Parquet times). */
class OutcomeRowsTest {

  @Test
  void timesSparkCannotWriteBecomeNull() {
    RawRecord record = new RawRecord("s", 0, "<p>x</p>".getBytes(StandardCharsets.UTF_8), false,
        new FetchMetadata("https://example.com/", Instant.parse("0001-01-01T00:00:00Z"), 200, Map.of()));
    Row row = OutcomeRows.page((ParsedPage) new PageParser().parse(record));
    assertNull(row.get(io.htmllake.schemas.Tables.PAGES.columnNames().indexOf("fetch_time")));
    RawRecord ok = new RawRecord("s", 0, "<p>x</p>".getBytes(StandardCharsets.UTF_8), false,
        new FetchMetadata("https://example.com/", Instant.parse("2024-01-01T00:00:00Z"), 200, Map.of()));
    Row good = OutcomeRows.page((ParsedPage) new PageParser().parse(ok));
    assertEquals(java.sql.Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")), good.get(io.htmllake.schemas.Tables.PAGES.columnNames().indexOf("fetch_time")));
  }
}

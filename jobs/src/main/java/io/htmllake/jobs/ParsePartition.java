package io.htmllake.jobs;

import io.htmllake.parsers.PageParser;
import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.ReadItem;
import io.htmllake.parsers.RecordOutcome;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Executor side of parse-pages: yields one outcome row per record of the task's objects, lazily
 * (see {@link RawRecords}). Holds only the broadcast configuration, the page limit and a counter.
 */
final class ParsePartition implements FlatMapFunction<Iterator<SourceObject>, Row> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<HadoopConf> conf;
  private final long maxPageBytes;
  private final LongAccumulator parsedRecords;

  ParsePartition(Broadcast<HadoopConf> conf, long maxPageBytes, LongAccumulator parsedRecords) {
    this.conf = conf;
    this.maxPageBytes = maxPageBytes;
    this.parsedRecords = parsedRecords;
  }

  @Override
  public Iterator<Row> call(Iterator<SourceObject> objects) {
    PageParser parser = new PageParser();
    RawRecords records = RawRecords.of(conf.value().get(), maxPageBytes, objects);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Row next() {
        ReadItem item = records.next();
        RecordOutcome outcome;
        if (item instanceof RawRecord record) {
          parsedRecords.add(1);
          outcome = parser.parse(record);
        } else {
          outcome = (RecordOutcome) item;
        }
        return OutcomeRows.of(outcome);
      }
    };
  }
}

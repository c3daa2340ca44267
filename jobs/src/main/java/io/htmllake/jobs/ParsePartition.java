package io.htmllake.jobs;

import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.ReadItem;
import io.htmllake.parsers.RecordOutcome;
import io.htmllake.parsers.TimeLimitedParser;
import java.time.Duration;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Executor side of parse-pages: yields one outcome row per record of the task's objects, lazily
 * (see {@link RawRecords}), each parsed within the time limit per record. Holds only the broadcast
 * configuration, the limits and a counter.
 */
final class ParsePartition implements FlatMapFunction<Iterator<SourceObject>, Row> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<HadoopConf> conf;
  private final long maxPageBytes;
  private final LongAccumulator parsedRecords;
  private final Duration recordTimeLimit;

  ParsePartition(Broadcast<HadoopConf> conf, long maxPageBytes, Duration recordTimeLimit, LongAccumulator parsedRecords) {
    this.conf = conf;
    this.maxPageBytes = maxPageBytes;
    this.recordTimeLimit = recordTimeLimit;
    this.parsedRecords = parsedRecords;
  }

  @Override
  public Iterator<Row> call(Iterator<SourceObject> objects) {
    TimeLimitedParser parser = new TimeLimitedParser(recordTimeLimit);
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) context -> parser.close());
    }
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

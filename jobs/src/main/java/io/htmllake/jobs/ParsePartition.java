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
    return FaultInjection.failAtEnd(new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return records.hasNext();
        } catch (RuntimeException e) {
          throw failure(records.current(), -1, e);
        }
      }

      @Override
      public Row next() {
        ReadItem item;
        try {
          item = records.next();
        } catch (RuntimeException e) {
          throw failure(records.current(), -1, e);
        }
        try {
          RecordOutcome outcome;
          if (item instanceof RawRecord record) {
            parsedRecords.add(1);
            outcome = parser.parse(record);
          } else {
            outcome = (RecordOutcome) item;
          }
          return OutcomeRows.of(outcome);
        } catch (RuntimeException e) {
          throw failure(records.current(), item instanceof RawRecord r ? r.sourceOffset() : -1, e);
        }
      }
    }, "parse");
  }

  /**
   * Bad input never gets here (readers and the parser turn it into quarantine rows): this is a bug.
   * The task fails, once, naming the object and record that caused it, so it can be reproduced.
   */
  static IllegalStateException failure(String object, long offset, RuntimeException e) {
    if (e instanceof RecordFailure already) {
      return already;
    }
    return new RecordFailure("Cannot process " + object + (offset >= 0 ? " (record at offset " + offset + ")" : "")
        + ": unexpected " + e.getClass().getName() + ": " + e.getMessage(), e);
  }

  /** An unexpected failure, with the input that caused it. */
  static final class RecordFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    RecordFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

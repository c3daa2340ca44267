package io.htmllake.jobs;

import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.ReadItem;
import io.htmllake.parsers.spec.ExtractorSpec;
import io.htmllake.parsers.spec.SpecExtractor;
import io.htmllake.parsers.spec.SpecParser;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Executor side of extract: compiles the spec once per task and yields one outcome row per record
 * of the task's objects, lazily (see {@link RawRecords}). Holds the broadcast configuration, the
 * spec's text, the page limit and a counter.
 */
final class ExtractPartition implements FlatMapFunction<Iterator<SourceObject>, Row> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<HadoopConf> conf;
  private final String specFile;
  private final String specText;
  private final long maxPageBytes;
  private final LongAccumulator extractedRecords;

  ExtractPartition(Broadcast<HadoopConf> conf, String specFile, String specText, long maxPageBytes, LongAccumulator extractedRecords) {
    this.conf = conf;
    this.specFile = specFile;
    this.specText = specText;
    this.maxPageBytes = maxPageBytes;
    this.extractedRecords = extractedRecords;
  }

  @Override
  public Iterator<Row> call(Iterator<SourceObject> objects) {
    ExtractorSpec spec = SpecParser.parse(specFile, specText); // validated on the driver already
    SpecExtractor extractor = new SpecExtractor(spec);
    RawRecords records = RawRecords.of(conf.value().get(), maxPageBytes, objects);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Row next() {
        ReadItem item = records.next();
        if (item instanceof RawRecord) {
          extractedRecords.add(1);
        }
        return SpecTable.outcome(spec, extractor, item);
      }
    };
  }
}

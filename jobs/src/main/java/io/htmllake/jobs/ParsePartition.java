package io.htmllake.jobs;

import io.htmllake.parsers.BoundedBytes;
import io.htmllake.parsers.HtmlObjectReader;
import io.htmllake.parsers.ObjectKind;
import io.htmllake.parsers.PageParser;
import io.htmllake.parsers.Quarantine;
import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.ReadItem;
import io.htmllake.parsers.RecordOutcome;
import io.htmllake.parsers.Skipped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Executor side of parse-pages: reads the objects of one partition one at a time and yields one
 * outcome row per record, lazily, so a task holds one object's records at a time whatever the
 * partition's size. Holds only the broadcast configuration, the page limit and a counter.
 */
final class ParsePartition implements FlatMapFunction<Iterator<SourceObject>, Row> {

  private static final long serialVersionUID = 1L;
  /** Sidecars are small JSON documents; anything larger is not one. */
  static final long MAX_SIDECAR_BYTES = 1L << 20;

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
    return new Iterator<>() {
      private Iterator<ReadItem> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && objects.hasNext()) {
          current = read(objects.next()).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ReadItem item = current.next();
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

  private List<ReadItem> read(SourceObject object) {
    switch (object.kind()) {
      case OTHER:
        return List.of(new Skipped(object.uri(), "unsupported_object"));
      case SIDECAR:
        return List.of(new Skipped(object.uri(), "orphan_sidecar"));
      case HTML:
        break;
      default:
        throw new IllegalStateException("Cannot read " + object.uri() + ": unknown kind " + object.kind());
    }
    List<ReadItem> items = new ArrayList<>(2);
    byte[] sidecar = null;
    if (object.sidecarUri() != null) {
      try {
        sidecar = readSmall(object.sidecarUri());
      } catch (IOException e) {
        items.add(readError(object.sidecarUri(), e)); // the page is still read, without metadata
      }
    }
    Path path = new Path(object.uri());
    try (InputStream in = path.getFileSystem(conf.value().get()).open(path)) {
      items.addAll(HtmlObjectReader.read(object.uri(), in, object.sidecarUri(), sidecar, maxPageBytes));
    } catch (IOException e) {
      items.add(readError(object.uri(), e));
    }
    return items;
  }

  private byte[] readSmall(String uri) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf.value().get());
    try (InputStream in = fs.open(path)) {
      BoundedBytes.Payload payload = BoundedBytes.read(in, MAX_SIDECAR_BYTES);
      // An oversized sidecar is handed on cut short: it then fails JSON parsing and is quarantined.
      return payload.bytes();
    }
  }

  private static Quarantine readError(String uri, IOException e) {
    return Quarantine.of(uri, 0, null, Quarantine.Stage.READ, "read_error",
        "Cannot read " + uri + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
  }
}

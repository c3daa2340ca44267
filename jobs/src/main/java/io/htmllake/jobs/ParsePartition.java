package io.htmllake.jobs;

import io.htmllake.parsers.BoundedBytes;
import io.htmllake.parsers.ContentDecoding;
import io.htmllake.parsers.HtmlObjectReader;
import io.htmllake.parsers.JsonLinesReader;
import io.htmllake.parsers.WarcRecordReader;
import io.htmllake.parsers.PageParser;
import io.htmllake.parsers.Quarantine;
import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.ReadItem;
import io.htmllake.parsers.RecordOutcome;
import io.htmllake.parsers.Skipped;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

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
    ObjectRecords records = new ObjectRecords();
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) context -> records.close());
    }
    return FaultInjection.failAtEnd(new Iterator<>() {
      @Override
      public boolean hasNext() {
        while (!records.hasNext() && objects.hasNext()) {
          records.open(objects.next());
        }
        return records.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
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
    }, "parse");
  }

  /** The records of the object being read; one open object at a time, closed when exhausted. */
  private final class ObjectRecords implements Closeable {
    private Iterator<ReadItem> items = Collections.emptyIterator();
    private Closeable open;

    void open(SourceObject object) {
      close();
      try {
        items = read(object);
      } catch (IOException e) {
        items = List.<ReadItem>of(readError(object.uri(), e)).iterator();
      }
    }

    boolean hasNext() {
      boolean more = items.hasNext();
      if (!more) {
        close();
      }
      return more;
    }

    ReadItem next() {
      return items.next();
    }

    @Override
    public void close() {
      if (open != null) {
        try {
          open.close();
        } catch (IOException e) {
          // reading is over; a failing close loses nothing
        }
        open = null;
      }
    }

    private Iterator<ReadItem> read(SourceObject object) throws IOException {
      switch (object.kind()) {
        case OTHER:
          return List.<ReadItem>of(new Skipped(object.uri(), "unsupported_object")).iterator();
        case SIDECAR:
          return List.<ReadItem>of(new Skipped(object.uri(), "orphan_sidecar")).iterator();
        case HTML:
          return readHtml(object).iterator();
        case WARC: {
          WarcRecordReader reader = new WarcRecordReader(object.uri(), openStream(object.uri()), maxPageBytes);
          open = reader;
          return reader;
        }
        case JSONL: {
          InputStream in = openStream(object.uri());
          open = in;
          JsonLinesReader reader = new JsonLinesReader(object.uri(), ContentDecoding.gunzipIfGzip(in), maxPageBytes);
          open = reader;
          return reader;
        }
        default:
          throw new IllegalStateException("Cannot read " + object.uri() + ": unknown kind " + object.kind());
      }
    }
  }

  private InputStream openStream(String uri) throws IOException {
    Path path = new Path(uri);
    return path.getFileSystem(conf.value().get()).open(path);
  }


  private List<ReadItem> readHtml(SourceObject object) {
    List<ReadItem> items = new ArrayList<>(2);
    byte[] sidecar = null;
    if (object.sidecarUri() != null) {
      try {
        sidecar = readSmall(object.sidecarUri());
      } catch (IOException e) {
        items.add(readError(object.sidecarUri(), e)); // the page is still read, without metadata
      }
    }
    try (InputStream in = openStream(object.uri())) {
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

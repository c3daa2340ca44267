package io.htmllake.jobs;

import io.htmllake.parsers.BoundedBytes;
import io.htmllake.parsers.ContentDecoding;
import io.htmllake.parsers.HtmlObjectReader;
import io.htmllake.parsers.JsonLinesReader;
import io.htmllake.parsers.Quarantine;
import io.htmllake.parsers.ReadItem;
import io.htmllake.parsers.Skipped;
import io.htmllake.parsers.WarcRecordReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Executor side of every job that reads the raw zone: the records of a task's objects (HTML with
 * sidecars, WARC/ARC, JSON Lines), one object open at a time and lazily, so a task holds one
 * object's records at a time whatever the partition's size. Read failures are quarantine items;
 * objects that are not records are skipped items. The open object is closed when the task ends.
 */
final class RawRecords implements Iterator<ReadItem>, Closeable {

  /** Sidecars are small JSON documents; anything larger is not one. */
  static final long MAX_SIDECAR_BYTES = 1L << 20;

  private final Configuration conf;
  private final long maxPageBytes;
  private final Iterator<SourceObject> objects;
  private Iterator<ReadItem> items = Collections.emptyIterator();
  private Closeable open;
  private String current;

  private RawRecords(Configuration conf, long maxPageBytes, Iterator<SourceObject> objects) {
    this.conf = conf;
    this.maxPageBytes = maxPageBytes;
    this.objects = objects;
  }

  /** The records of these objects; closed with the running task, if any. */
  static RawRecords of(Configuration conf, long maxPageBytes, Iterator<SourceObject> objects) {
    RawRecords records = new RawRecords(conf, maxPageBytes, objects);
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) context -> records.close());
    }
    return records;
  }

  @Override
  public boolean hasNext() {
    while (!items.hasNext()) {
      close();
      if (!objects.hasNext()) {
        return false;
      }
      open(objects.next());
    }
    return true;
  }

  @Override
  public ReadItem next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return items.next();
  }

  /** The object being read, to name in an unexpected failure. */
  String current() {
    return current;
  }

  private void open(SourceObject object) {
    current = object.uri();
    try {
      items = read(object);
    } catch (IOException e) {
      items = List.<ReadItem>of(readError(object.uri(), e)).iterator();
    }
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

  private InputStream openStream(String uri) throws IOException {
    Path path = new Path(uri);
    return path.getFileSystem(conf).open(path);
  }

  private List<ReadItem> readHtml(SourceObject object) {
    List<ReadItem> out = new ArrayList<>(2);
    byte[] sidecar = null;
    if (object.sidecarUri() != null) {
      try {
        sidecar = readSmall(object.sidecarUri());
      } catch (IOException e) {
        out.add(readError(object.sidecarUri(), e)); // the page is still read, without metadata
      }
    }
    try (InputStream in = openStream(object.uri())) {
      out.addAll(HtmlObjectReader.read(object.uri(), in, object.sidecarUri(), sidecar, maxPageBytes));
    } catch (IOException e) {
      out.add(readError(object.uri(), e));
    }
    return out;
  }

  private byte[] readSmall(String uri) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
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

package io.htmllake.parsers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageHeaders;
import org.netpreserve.jwarc.ParsingException;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * Streams the records of one WARC (or ARC) file, compressed or not, through jwarc, one record at a
 * time: memory is bounded by the page limit, whatever the file's size. {@code response} and
 * {@code resource} records with an HTML payload become records to parse (any HTTP status); other
 * record types and non-HTML payloads are skipped and counted by kind. Damage (a truncated file,
 * corrupt framing) ends the file with one quarantine entry at the offset where it was found; every
 * record before it is kept.
 */
public final class WarcRecordReader extends RecordStream {

  static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml");

  private final String sourceUri;
  private final CountingInputStream in;
  private final long maxPageBytes;
  private WarcReader reader;

  public WarcRecordReader(String sourceUri, InputStream in, long maxPageBytes) {
    this.sourceUri = sourceUri;
    this.in = new CountingInputStream(in);
    this.maxPageBytes = maxPageBytes;
  }

  @Override
  protected ReadItem advance() {
    long offset = reader == null ? 0 : reader.position();
    try {
      if (reader == null) {
        reader = new WarcReader(in);
        reader.setLenient(true);
        reader.onWarning(warning -> { });
      }
      var record = reader.next();
      if (record.isEmpty()) {
        finished = true;
        return null;
      }
      offset = reader.position();
      if (reader.compression() == WarcCompression.NONE && in.eof && offset >= in.count) {
        // jwarc computes the next offset from the declared Content-Length; past a record whose
        // length lies it can replay stale buffer bytes as records that are not in the file.
        return damage(offset, "truncated_warc", new EOFException("record at offset " + offset + " starts after the end of the file ("
            + in.count + " bytes): the previous record's Content-Length is larger than what follows it"));
      }
      return convert(record.get(), offset);
    } catch (ParsingException e) {
      return damage(where(offset), "corrupt_warc", e);
    } catch (EOFException | ZipException e) {
      return damage(where(offset), "truncated_warc", e);
    } catch (IOException | RuntimeException e) {
      return damage(where(offset), "corrupt_warc", e);
    }
  }

  /** Where reading failed: jwarc moves its position to the record it was about to read. */
  private long where(long fallback) {
    return reader == null ? fallback : Math.max(fallback, reader.position());
  }

  private ReadItem damage(long offset, String reason, Exception e) {
    finished = true;
    return Quarantine.of(sourceUri, offset, null, Quarantine.Stage.READ, reason,
        "Cannot read " + sourceUri + " past offset " + offset + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
            + "; the records before it were kept", null);
  }

  private ReadItem convert(WarcRecord record, long offset) throws IOException {
    String type = record.type().toLowerCase(Locale.ROOT);
    if (record instanceof WarcResponse response) {
      return response(response, offset);
    }
    if (record instanceof WarcResource resource) {
      return resource(resource, offset);
    }
    return new Skipped(sourceUri, "warc_" + type.replaceAll("[^a-z0-9]+", "_"));
  }

  private ReadItem response(WarcResponse response, long offset) throws IOException {
    String url = target(response);
    MediaType recordType = response.contentType();
    if (recordType != null && !recordType.base().toString().equalsIgnoreCase("application/http")) {
      // Not an HTTP exchange: DNS lookups (text/dns), or a payload stored as it is.
      return resource(response, offset);
    }
    HttpResponse http;
    try {
      http = response.http();
    } catch (IOException e) {
      // The WARC framing is intact (the next record can still be read); only this message is bad.
      return Quarantine.of(sourceUri, offset, url, Quarantine.Stage.DECODE, "bad_http",
          "Cannot parse the HTTP response of record at " + offset + ": " + e.getMessage(), null);
    }
    Map<String, String> headers = headers(http.headers());
    FetchMetadata meta = new FetchMetadata(url, response.date(), http.status(), headers);
    String mime = meta.mimeType();
    if (mime != null && !HTML_TYPES.contains(mime)) {
      return new Skipped(sourceUri, "non_html");
    }
    InputStream body;
    try {
      // Our decoder, not jwarc's: jwarc reads "deflate" as raw deflate only, but RFC 9110 deflate is zlib-wrapped.
      body = ContentDecoding.decode(Channels.newInputStream(http.body()), meta.header("content-encoding"));
    } catch (IOException e) {
      return Quarantine.of(sourceUri, offset, url, Quarantine.Stage.DECODE, "bad_content_encoding",
          "Cannot decode the body of record at " + offset + ": " + e.getMessage(), null);
    }
    return payload(body, meta, offset, mime == null);
  }

  private ReadItem resource(WarcTargetRecord resource, long offset) throws IOException {
    String url = target(resource);
    MediaType type = resource.contentType();
    String mime = type == null ? null : type.base().toString().toLowerCase(Locale.ROOT);
    Map<String, String> headers = new LinkedHashMap<>();
    if (type != null) {
      headers.put("Content-Type", type.toString());
    }
    FetchMetadata meta = new FetchMetadata(url, resource.date(), null, headers);
    if (mime != null && !HTML_TYPES.contains(mime) && !mime.equals("application/octet-stream")) {
      return new Skipped(sourceUri, "non_html");
    }
    return payload(Channels.newInputStream(resource.body()), meta, offset, mime == null || mime.equals("application/octet-stream"));
  }

  private ReadItem payload(InputStream body, FetchMetadata meta, long offset, boolean sniff) throws IOException {
    BoundedBytes.Payload payload;
    try {
      payload = BoundedBytes.read(body, maxPageBytes);
    } catch (ZipException | EOFException e) {
      return Quarantine.of(sourceUri, offset, meta.url(), Quarantine.Stage.DECODE, "bad_content_encoding",
          "Cannot decode the body of record at " + offset + ": " + e.getMessage(), null);
    }
    if (payload.bytes().length == 0) {
      return new Skipped(sourceUri, "empty_body"); // redirects, 304s: a crawl artifact, not a broken page
    }
    if (sniff && !looksLikeMarkup(payload.bytes())) {
      return new Skipped(sourceUri, "non_html");
    }
    return new RawRecord(sourceUri, offset, payload.bytes(), payload.truncated(), meta);
  }

  /** For a payload without a media type: HTML when the first non-blank character is '<'. */
  static boolean looksLikeMarkup(byte[] bytes) {
    int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    for (; i < bytes.length && i < 4096; i++) {
      int b = bytes[i] & 0xFF;
      if (b == '<') {
        return true;
      }
      if (b > ' ') {
        return false;
      }
    }
    return false;
  }

  /** The target URI, without the angle brackets some writers (wget) put around it. */
  static String target(WarcTargetRecord record) {
    String target = record.headers().first("WARC-Target-URI").orElse(null);
    if (target == null) {
      return null;
    }
    target = target.strip();
    if (target.startsWith("<") && target.endsWith(">")) {
      target = target.substring(1, target.length() - 1).strip();
    }
    return target.isEmpty() ? null : target;
  }

  private static Map<String, String> headers(MessageHeaders headers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : headers.map().entrySet()) {
      if (!e.getValue().isEmpty()) {
        map.put(e.getKey(), e.getValue().get(0));
      }
    }
    return map;
  }

  /** Counts the bytes the file really has, to tell records that exist from ones jwarc imagined. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    long count;
    boolean eof;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        eof = true;
      } else {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) {
        eof = true;
      } else {
        count += n;
      }
      return n;
    }
  }

  @Override
  public void close() throws IOException {
    finished = true;
    if (reader != null) {
      reader.close();
    } else {
      in.close();
    }
  }
}

package io.htmllake.parsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.ZipException;

/**
 * Streams a JSON Lines object, one fetch a line: {@code url}, {@code fetched_at}, {@code status},
 * {@code headers}, and {@code html} (text) or {@code body_base64} (the raw, possibly
 * Content-Encoded, body). A line that is not such a record is quarantined with its line number
 * (the record's {@code source_offset}); the next line is read as usual. Lines are read with a byte
 * bound, so a 50 MB line costs no more memory than the bound.
 */
public final class JsonLinesReader extends RecordStream {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUFFER = 64 * 1024;

  private final String sourceUri;
  private final InputStream in;
  private final long maxPageBytes;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[BUFFER];
  private int pos;
  private int limit;
  private long lineNumber;
  private boolean eof;

  public JsonLinesReader(String sourceUri, InputStream in, long maxPageBytes) {
    this.sourceUri = sourceUri;
    this.in = in;
    this.maxPageBytes = maxPageBytes;
    // Base64 and JSON escaping make a line longer than its page: allow for both, plus the metadata.
    this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 16, maxPageBytes * 2 + (1 << 20));
  }

  @Override
  protected ReadItem advance() {
    Line line;
    try {
      line = readLine();
    } catch (EOFException | ZipException e) {
      finished = true;
      return Quarantine.of(sourceUri, lineNumber + 1, null, Quarantine.Stage.READ, "truncated_jsonl",
          "Cannot read " + sourceUri + " past line " + lineNumber + ": " + e.getMessage() + "; the lines before it were kept", null);
    } catch (IOException e) {
      finished = true;
      return Quarantine.of(sourceUri, lineNumber + 1, null, Quarantine.Stage.READ, "read_error",
          "Cannot read " + sourceUri + " past line " + lineNumber + ": " + e.getMessage(), null);
    }
    if (line == null) {
      finished = true;
      return null;
    }
    if (line.tooLong) {
      return Quarantine.of(sourceUri, line.number, null, Quarantine.Stage.READ, "line_too_long",
          "line " + line.number + " is longer than " + maxLineBytes + " bytes (--max-page-bytes x2 + 1 MiB)", line.bytes);
    }
    if (isBlank(line.bytes)) {
      return null; // an empty line is no record
    }
    return record(line);
  }

  private ReadItem record(Line line) {
    JsonNode node;
    FetchMetadata meta;
    try {
      node = JSON.readTree(line.bytes);
      if (node == null || !node.isObject()) {
        return bad(line, "not a JSON object");
      }
      meta = Sidecar.fromJson(node);
    } catch (IOException e) {
      return bad(line, "not valid JSON: " + firstLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      return bad(line, e.getMessage());
    }
    JsonNode html = node.get("html");
    JsonNode body = node.get("body_base64");
    if (html != null && html.isTextual()) {
      byte[] bytes = html.textValue().getBytes(StandardCharsets.UTF_8);
      boolean truncated = bytes.length > maxPageBytes;
      if (truncated) {
        bytes = java.util.Arrays.copyOf(bytes, (int) maxPageBytes);
      }
      return new RawRecord(sourceUri, line.number, bytes, truncated, meta, StandardCharsets.UTF_8);
    }
    if (body != null && body.isTextual()) {
      byte[] raw;
      try {
        raw = Base64.getMimeDecoder().decode(body.textValue());
      } catch (IllegalArgumentException e) {
        return bad(line, "body_base64 is not Base64: " + e.getMessage());
      }
      try (InputStream decoded = ContentDecoding.decode(new ByteArrayInputStream(raw), meta.header("content-encoding"))) {
        BoundedBytes.Payload payload = BoundedBytes.read(decoded, maxPageBytes);
        return new RawRecord(sourceUri, line.number, payload.bytes(), payload.truncated(), meta);
      } catch (IOException e) {
        return Quarantine.of(sourceUri, line.number, meta.url(), Quarantine.Stage.DECODE, "bad_content_encoding",
            "line " + line.number + ": cannot decode body_base64 with Content-Encoding " + meta.header("content-encoding")
                + ": " + e.getMessage(), raw);
      }
    }
    return bad(line, "has neither an html string nor a body_base64 string");
  }

  private Quarantine bad(Line line, String why) {
    return Quarantine.of(sourceUri, line.number, null, Quarantine.Stage.READ, "bad_json_line", "line " + line.number + ": " + why,
        line.bytes);
  }

  private record Line(long number, byte[] bytes, boolean tooLong) {}

  /** The next line without its terminator (LF, CRLF or CR-less), or null at the end; a line past the bound keeps only its head. */
  private Line readLine() throws IOException {
    if (eof) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer, 0, buffer.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          eof = true;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      int length = pos - start;
      if (!tooLong) {
        int room = maxLineBytes - out.size();
        if (length > room) {
          out.write(buffer, start, Math.max(0, Math.min(room, Quarantine.HEAD_BYTES)));
          tooLong = true;
        } else {
          out.write(buffer, start, length);
        }
      }
      if (pos < limit) {
        pos++; // the '\n'
        break;
      }
    }
    lineNumber++;
    byte[] bytes = out.toByteArray();
    if (!tooLong && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
      bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    }
    return new Line(lineNumber, bytes, tooLong);
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() throws IOException {
    finished = true;
    in.close();
  }
}

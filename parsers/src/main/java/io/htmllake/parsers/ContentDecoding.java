package io.htmllake.parsers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/** HTTP Content-Encoding as a decoding stream: gzip, deflate (zlib or raw) and br. */
public final class ContentDecoding {

  private ContentDecoding() {}

  /**
   * The stream itself, or its gunzipped content when it starts with the gzip magic bytes, whatever
   * the object's name says (one or several gzip members).
   */
  public static InputStream gunzipIfGzip(InputStream in) throws IOException {
    java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 64 * 1024);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    return b0 == 0x1F && b1 == 0x8B ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
  }

  /**
   * @param contentEncoding the header's value, or null
   * @return a stream of decoded bytes (the input itself for identity or no encoding)
   * @throws IOException for an unknown encoding or a stream that does not start as the encoding says
   */
  public static InputStream decode(InputStream in, String contentEncoding) throws IOException {
    if (contentEncoding == null) {
      return in;
    }
    String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
    switch (encoding) {
      case "", "identity", "none" -> {
        return in;
      }
      case "gzip", "x-gzip" -> {
        return new GZIPInputStream(in, 64 * 1024);
      }
      case "deflate" -> {
        // Servers send both zlib-wrapped and raw deflate under this name: tell them by the header byte.
        java.io.PushbackInputStream pushback = new java.io.PushbackInputStream(in, 1);
        int first = pushback.read();
        if (first < 0) {
          return pushback;
        }
        pushback.unread(first);
        boolean zlib = (first & 0x0F) == 8;
        Inflater inflater = new Inflater(!zlib);
        return new InflaterInputStream(pushback, inflater, 64 * 1024) {
          @Override
          public void close() throws IOException {
            super.close();
            inflater.end(); // a caller-supplied Inflater is not ended by InflaterInputStream
          }
        };
      }
      case "br" -> {
        return new BrotliInputStream(in);
      }
      default -> throw new IOException("unsupported Content-Encoding '" + contentEncoding + "'");
    }
  }
}

package io.htmllake.parsers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream up to a byte limit, so no record can exhaust memory however large it claims or turns out to be. */
public final class BoundedBytes {

  /** The bytes read and whether more were there. */
  public record Payload(byte[] bytes, boolean truncated) {}

  private BoundedBytes() {}

  public static Payload read(InputStream in, long maxBytes) throws IOException {
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("Cannot read payload: maxBytes out of range (" + maxBytes + ")");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, 64 * 1024));
    byte[] buffer = new byte[64 * 1024];
    long remaining = maxBytes;
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        return new Payload(out.toByteArray(), false);
      }
      out.write(buffer, 0, n);
      remaining -= n;
    }
    // At the limit: one more byte tells whether the payload was longer.
    return new Payload(out.toByteArray(), in.read() >= 0);
  }
}

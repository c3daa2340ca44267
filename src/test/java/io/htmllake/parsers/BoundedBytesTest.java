package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBytesTest {

  private static final byte[] DATA = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Test
  void shorterThanTheLimit() throws IOException {
    BoundedBytes.Payload payload = BoundedBytes.read(new ByteArrayInputStream(DATA), 11);
    assertArrayEquals(DATA, payload.bytes());
    assertFalse(payload.truncated());
  }

  @Test
  void exactlyTheLimitIsNotTruncated() throws IOException {
    BoundedBytes.Payload payload = BoundedBytes.read(new ByteArrayInputStream(DATA), 10);
    assertArrayEquals(DATA, payload.bytes());
    assertFalse(payload.truncated());
  }

  @Test
  void oneByteOverTheLimitIsTruncated() throws IOException {
    BoundedBytes.Payload payload = BoundedBytes.read(new ByteArrayInputStream(DATA), 9);
    assertArrayEquals(Arrays.copyOf(DATA, 9), payload.bytes());
    assertTrue(payload.truncated());
  }

  @Test
  void neverReadsMoreThanTheLimitPlusOneFromAnEndlessStream() throws IOException {
    long[] served = {0};
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        served[0]++;
        return 'x';
      }
    };
    BoundedBytes.Payload payload = BoundedBytes.read(endless, 100_000);
    assertTrue(payload.truncated());
    assertArrayEquals(Arrays.copyOf(payload.bytes(), 100_000), payload.bytes());
    assertTrue(served[0] == 100_001, "read " + served[0] + " bytes");
  }

  @Test
  void emptyStream() throws IOException {
    BoundedBytes.Payload payload = BoundedBytes.read(new ByteArrayInputStream(new byte[0]), 1);
    assertArrayEquals(new byte[0], payload.bytes());
    assertFalse(payload.truncated());
  }

  @Test
  void limitOutOfRangeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> BoundedBytes.read(new ByteArrayInputStream(DATA), 0));
    assertThrows(IllegalArgumentException.class, () -> BoundedBytes.read(new ByteArrayInputStream(DATA), -1));
    assertThrows(IllegalArgumentException.class, () -> BoundedBytes.read(new ByteArrayInputStream(DATA), Integer.MAX_VALUE));
  }
}

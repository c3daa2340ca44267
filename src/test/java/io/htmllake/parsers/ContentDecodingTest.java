package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecodingTest {

  private static final byte[] HTML = "<html><body><p>Décodé</p></body></html>".getBytes(StandardCharsets.UTF_8);

  private static byte[] decode(byte[] body, String encoding) throws IOException {
    try (InputStream in = ContentDecoding.decode(new ByteArrayInputStream(body), encoding)) {
      return in.readAllBytes();
    }
  }

  private static byte[] deflate(byte[] data, boolean raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION, raw))) {
      z.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void gzipAndIdentity() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(out)) {
      z.write(HTML);
    }
    assertArrayEquals(HTML, decode(out.toByteArray(), "gzip"));
    assertArrayEquals(HTML, decode(out.toByteArray(), "X-GZIP"));
    assertArrayEquals(HTML, decode(HTML, null));
    assertArrayEquals(HTML, decode(HTML, "identity"));
  }

  /** RFC 9110 says deflate is zlib-wrapped; many servers send raw deflate under the same name. */
  @Test
  void deflateZlibAndRaw() throws IOException {
    assertArrayEquals(HTML, decode(deflate(HTML, false), "deflate"));
    assertArrayEquals(HTML, decode(deflate(HTML, true), "deflate"));
  }

  /** "hello" as the reference brotli encoder writes it (a single uncompressed meta-block). */
  @Test
  void brotli() throws IOException {
    byte[] hello = {0x0b, 0x02, (byte) 0x80, 'h', 'e', 'l', 'l', 'o', 0x03};
    assertEquals("hello", new String(decode(hello, "br"), StandardCharsets.US_ASCII));
  }

  @Test
  void unknownEncodingIsAnErrorNamingIt() {
    IOException e = assertThrows(IOException.class, () -> decode(HTML, "compress"));
    assertTrue(e.getMessage().contains("'compress'"), e.getMessage());
  }

  /** 256 MiB of decompressed spaces from a 256 KiB file: reading stops at the page limit. */
  @Test
  void gzipBombIsCutAtThePageLimit() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(bomb, 1 << 16)) {
      z.write("<p>".getBytes(StandardCharsets.US_ASCII));
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 256; i++) {
        z.write(spaces);
      }
    }
    assertTrue(bomb.size() < 1 << 20, "bomb is small: " + bomb.size());
    var items = HtmlObjectReader.read("bomb.html.gz", new ByteArrayInputStream(bomb.toByteArray()), null, null, 1 << 20);
    RawRecord record = (RawRecord) items.get(0);
    assertTrue(record.truncated());
    assertEquals(1 << 20, record.payload().length);
  }
}

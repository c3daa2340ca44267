package io.htmllake.reliability;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the hostile raw partition: one object per kind of input that has broken crawl pipelines,
 * generated (seeded, so a failure reproduces) instead of stored. Each object's expected fate is
 * written by hand beside it: a page, a quarantine reason, or a skipped kind.
 */
public final class HostileCorpus {

  /** What should become of an object's records. */
  public record Fate(int pages, Map<String, Integer> quarantined, Map<String, Integer> skipped) {
    static Fate page() {
      return new Fate(1, Map.of(), Map.of());
    }

    static Fate pages(int n) {
      return new Fate(n, Map.of(), Map.of());
    }

    static Fate quarantined(String reason) {
      return new Fate(0, Map.of(reason, 1), Map.of());
    }
  }

  private final Path dir;
  private final Random random;
  private final Map<String, Fate> fates = new LinkedHashMap<>();

  private HostileCorpus(Path dir, long seed) {
    this.dir = dir;
    this.random = new Random(seed);
  }

  /** Writes every hostile object under {@code partition} and returns each one's expected fate, by file name. */
  public static Map<String, Fate> write(Path partition, long seed) throws IOException {
    Files.createDirectories(partition);
    HostileCorpus c = new HostileCorpus(partition, seed);
    c.all();
    return c.fates;
  }

  private void all() throws IOException {
    // 100 MB of markup: kept up to --max-page-bytes, flagged truncated.
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("huge-100mb.html")), 1 << 16)) {
      out.write("<html><head><title>Huge</title></head><body>".getBytes(StandardCharsets.US_ASCII));
      byte[] block = "<p>lorem ipsum dolor sit amet, consectetur adipiscing elit</p>\n".repeat(1024).getBytes(StandardCharsets.US_ASCII);
      for (long written = 0; written < 100L * 1024 * 1024; written += block.length) {
        out.write(block);
      }
    }
    fates.put("huge-100mb.html", Fate.page());

    text("nested-10k.html", "<html><body>" + "<div>".repeat(10_000) + "<p>deep</p>" + "</div>".repeat(10_000));
    fates.put("nested-10k.html", Fate.page());
    text("nested-100k.html", "<html><body>" + "<div><span>".repeat(50_000) + "<a href=\"/deep\">deep</a>");
    fates.put("nested-100k.html", Fate.page());

    StringBuilder links = new StringBuilder(13_000_000).append("<html><body>");
    for (int i = 0; i < 1_000_000; i++) {
      links.append("<a href=/").append(i).append('>').append('l').append("</a>");
    }
    text("links-1m.html", links.toString());
    fates.put("links-1m.html", Fate.page());

    text("attribute-5mb.html", "<html><body><div data-blob=\"" + "x".repeat(5 * 1024 * 1024) + "\">after</div>");
    fates.put("attribute-5mb.html", Fate.page());

    byte[] binary = new byte[256 * 1024];
    random.nextBytes(binary);
    binary[0] = (byte) 0x89; // a PNG signature, named .html
    binary[1] = 'P';
    binary[2] = 'N';
    binary[3] = 'G';
    Files.write(dir.resolve("binary-named.html"), binary);
    fates.put("binary-named.html", Fate.quarantined("not_html"));

    byte[] invalid = {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, 0x28, (byte) 0xA1, (byte) 0xF0, 0x28, (byte) 0x8C,
        (byte) 0xBC, (byte) 0xF8, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    Files.write(dir.resolve("invalid-utf8.html"), concat("<meta charset=utf-8><title>bad bytes</title><p>".getBytes(StandardCharsets.US_ASCII),
        invalid, "</p>".getBytes(StandardCharsets.US_ASCII)));
    fates.put("invalid-utf8.html", Fate.page());

    Files.write(dir.resolve("utf16-no-bom.html"), "<html><body><p>caf\u00e9 \u20ac 16</p></body></html>".getBytes(StandardCharsets.UTF_16LE));
    // Without a BOM or a declaration, UTF-16 reads as bytes that are half NULs: not HTML (README, "left alone").
    fates.put("utf16-no-bom.html", Fate.quarantined("not_html"));

    // A gzip bomb: one compressed MiB of markup repeated as 1,100 gzip members, > 1 GB inflated.
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
      gz.write("<p>boom</p>".repeat(1024 * 1024 / 11).getBytes(StandardCharsets.US_ASCII));
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("bomb.html.gz")))) {
      for (int i = 0; i < 1_100; i++) {
        out.write(member.toByteArray());
      }
    }
    fates.put("bomb.html.gz", Fate.page());

    byte[] gz = gzip("<html><body><p>cut short</p>".repeat(2_000).getBytes(StandardCharsets.US_ASCII));
    Files.write(dir.resolve("truncated.html.gz"), Arrays.copyOf(gz, gz.length / 2));
    fates.put("truncated.html.gz", Fate.quarantined("corrupt_gzip"));

    Files.write(dir.resolve("zero-bytes.html"), new byte[0]);
    fates.put("zero-bytes.html", Fate.quarantined("empty"));

    // A WARC whose second record claims more bytes than the file holds.
    String body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>ok</title><p>fine</p></html>";
    String first = warcRecord("https://hostile.example/ok", body, body.getBytes(StandardCharsets.UTF_8).length);
    String lying = warcRecord("https://hostile.example/liar", body, 1_000_000);
    text("lying-length.warc", first + lying);
    // The liar's block is cut short by the end of the file: its HTTP payload fails to decode, and the
    // damage is reported at its offset; the record before it is a page.
    fates.put("lying-length.warc", new Fate(1, Map.of("bad_content_encoding", 1, "truncated_warc", 1), Map.of()));

    // A JSON Lines file with a 50 MB line between two good ones, and mixed line endings.
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("long-line.jsonl")), 1 << 16)) {
      out.write(jsonLine("https://hostile.example/before", "<title>before</title><p>x</p>").getBytes(StandardCharsets.UTF_8));
      out.write("\n{\"url\":\"https://hostile.example/long\",\"html\":\"".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "<p>long</p>".repeat(1000).getBytes(StandardCharsets.UTF_8);
      for (long n = 0; n < 50L * 1024 * 1024; n += chunk.length) {
        out.write(chunk);
      }
      out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
      out.write(jsonLine("https://hostile.example/after", "<title>after</title><p>y</p>").getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    fates.put("long-line.jsonl", new Fate(2, Map.of("line_too_long", 1), Map.of()));

    text("mixed-endings.jsonl", jsonLine("https://hostile.example/crlf", "<title>crlf</title>") + "\r\n"
        + jsonLine("https://hostile.example/lf", "<title>lf</title>") + "\n"
        + jsonLine("https://hostile.example/cr-in-html", "<title>cr</title>\r<p>a\r\nb</p>") + "\r\n\r\n"
        + "{\"url\":\"https://hostile.example/b64\",\"body_base64\":\""
        + Base64.getEncoder().encodeToString("<title>b64</title>".getBytes(StandardCharsets.UTF_8)) + "\"}\n");
    fates.put("mixed-endings.jsonl", Fate.pages(4));
  }

  private static String jsonLine(String url, String html) {
    return "{\"url\":\"" + url + "\",\"fetched_at\":\"2026-11-21T01:02:03Z\",\"status\":200,\"headers\":{\"Content-Type\":\"text/html\"},"
        + "\"html\":\"" + html.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"}";
  }

  private static String warcRecord(String uri, String block, int claimedLength) {
    return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:" + java.util.UUID.nameUUIDFromBytes(uri.getBytes(StandardCharsets.UTF_8))
        + ">\r\nWARC-Date: 2026-11-21T01:02:03Z\r\nWARC-Target-URI: " + uri + "\r\nContent-Type: application/http; msgtype=response\r\n"
        + "Content-Length: " + claimedLength + "\r\n\r\n" + block + "\r\n\r\n";
  }

  private void text(String name, String content) {
    try {
      Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}

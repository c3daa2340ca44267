package io.htmllake.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A small hand-written raw zone for job tests: two dates, pages with and without sidecars, a gzip
 * page, a windows-1252 page, a page with {@code <base href>} and no {@code <head>}, and inputs that
 * must be quarantined or skipped. Expected rows live in the tests, written by hand.
 */
final class FixtureCrawl {

  static final String DAY1 = "2024-03-01";
  static final String DAY2 = "2024-03-02";

  static final String PAGE_A = """
      <!DOCTYPE html>
      <html lang="en-GB">
      <head>
        <title>Page A</title>
        <meta name="description" content="The first page">
        <meta name="author" content="Ann Author">
        <meta property="og:title" content="A for Open Graph">
        <meta property="article:published_time" content="2024-02-29T23:30:00+01:00">
        <link rel="canonical" href="/a.html">
        <script type="application/ld+json">
          {"@context": "https://schema.org", "@type": "Product", "@id": "#widget", "name": "Widget",
           "offers": {"@type": "Offer", "price": "12.50", "priceCurrency": "EUR"}}
        </script>
      </head>
      <body>
        <nav><a href="/">Home</a></nav>
        <article>
          <h1>Heading A</h1>
          <p>First paragraph of A.</p>
          <p>Second one, see <a href="/b.html">Bee &amp; more</a> or
             <a href="https://Other.Example.org/x#frag" rel="NoFollow">elsewhere</a>.</p>
        </article>
        <footer>Footer text</footer>
      </body>
      </html>
      """;

  /** Declared ISO-8859-1 (windows-1252 on the web) by its meta tag; its é is the single byte 0xE9. */
  static final String PAGE_B = """
      <html><head><meta charset="iso-8859-1"><title>Café B</title></head>
      <body><main><p>Not found é</p></main></body></html>
      """;

  /** No head, no sidecar: links resolve against <base href>; the page URL is unknown. */
  static final String PAGE_C = """
      <base href="https://blog.example.com/dir/">
      <h1>C</h1><p>Relative <a href="page.html">link</a>.</p>
      """;

  static final String PAGE_D = """
      <html><head><title>Page D</title></head><body><p>Day two.</p></body></html>
      """;

  private FixtureCrawl() {}

  /** Writes the raw zone under {@code root} and returns root. */
  static Path write(Path root) {
    Path day1 = root.resolve("dt=" + DAY1);
    put(day1.resolve("site/a.html"), PAGE_A.getBytes(StandardCharsets.UTF_8));
    put(day1.resolve("site/a.html.meta.json"), """
        {"url": "https://www.example.com/a.html", "fetched_at": "2024-03-01T08:00:00Z", "status": 200,
         "headers": {"Content-Type": "text/html; charset=UTF-8"}}
        """.getBytes(StandardCharsets.UTF_8));
    put(day1.resolve("site/b.html.gz"), gzip(PAGE_B.getBytes(Charset.forName("windows-1252"))));
    put(day1.resolve("site/b.html.gz.meta.json"), """
        {"url": "https://www.example.com/b.html", "fetched_at": "2024-03-01T08:05:00Z", "status": 404,
         "headers": {"content-type": "text/html"}}
        """.getBytes(StandardCharsets.UTF_8));
    put(day1.resolve("deep/er/c.htm"), PAGE_C.getBytes(StandardCharsets.US_ASCII));
    put(day1.resolve("broken.html"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});
    put(day1.resolve("empty.html"), new byte[0]);
    put(day1.resolve("notes.txt"), "not a page".getBytes(StandardCharsets.UTF_8));
    put(day1.resolve("orphan.html.meta.json"), "{\"url\": \"https://www.example.com/gone.html\"}".getBytes(StandardCharsets.UTF_8));

    Path day2 = root.resolve("dt=" + DAY2);
    put(day2.resolve("d.html"), PAGE_D.getBytes(StandardCharsets.UTF_8));
    put(day2.resolve("d.html.meta.json"), """
        {"url": "https://www.example.com/d.html", "fetched_at": "2024-03-02T09:00:00Z", "status": 200, "headers": {}}
        """.getBytes(StandardCharsets.UTF_8));
    return root;
  }

  static void put(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

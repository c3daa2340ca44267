package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Bad input never kills the job": every hostile payload becomes a page or a quarantine entry.
 * Inputs are generated here (seeded, so a failure reproduces). The timeout only guards against a
 * hang; it is deliberately generous and is not a speed test.
 */
class HostileInputTest {

  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  /** Reasons for input that is simply not HTML; anything else (parser_error) means the parser threw inside. */
  private static final Set<String> EXPECTED_REASONS = Set.of("empty", "not_html");

  record Hostile(String name, byte[] bytes, FetchMetadata metadata) {
    @Override
    public String toString() {
      return name + " (" + bytes.length + " bytes)";
    }
  }

  static Stream<Hostile> inputs() {
    List<Hostile> inputs = new ArrayList<>();
    FetchMetadata plain = new FetchMetadata("https://www.example.com/hostile", null, null, Map.of());

    inputs.add(html("divs nested 10,000 deep, closed", "<html><body>" + "<div>".repeat(10_000) + "<p>deep</p>"
        + "</div>".repeat(10_000) + "</body></html>", plain));
    inputs.add(html("divs nested 100,000 deep, closed", "<html><body>" + "<div>".repeat(100_000) + "<a href=\"/x\">deep</a>"
        + "</div>".repeat(100_000), plain));
    inputs.add(html("divs nested 100,000 deep, never closed", "<body>" + "<div class=\"comments\">".repeat(100_000) + "text", plain));
    inputs.add(html("formatting elements nested 10,000 deep", "<p>" + "<b><i><u><a href=\"/f\">".repeat(10_000) + "x<p>y", plain));
    inputs.add(html("tables nested 10,000 deep", "<table><tr><td>".repeat(10_000) + "cell", plain));
    // Regression: main-text selection measured every nested article's text, quadratic in depth.
    inputs.add(html("articles nested 100,000 deep", "<article><p>a</p>".repeat(100_000), plain));
    // Guard: as jsoup descendant selectors, the author fallbacks walked up from every nested candidate (quadratic).
    inputs.add(html("itemprop=name nested 100,000 deep", "<body>" + "<div itemprop=\"name\">".repeat(100_000) + "x", plain));
    inputs.add(html("class=author nested 100,000 deep", "<body>" + "<div class=\"author\">".repeat(100_000) + "x", plain));
    // Regression: every enclosing link measured the text of all links nested in it (SVG lets links nest).
    inputs.add(html("svg links nested 100,000 deep", "<body>" + "<svg><a href=\"/s\">".repeat(100_000) + "x", plain));
    // Regression: every nested published-date candidate had its whole text read, quadratic in depth.
    inputs.add(html("itemprop=datePublished nested 100,000 deep", "<body>"
        + "<div itemprop=\"datePublished\">".repeat(100_000) + "x", plain));
    inputs.add(html("time pubdate nested 100,000 deep", "<body>" + "<time pubdate>".repeat(100_000) + "x", plain));
    inputs.add(html("svg nested 10,000 deep", "<svg>".repeat(10_000) + "<title>t</title>", plain));
    inputs.add(html("a 12 MiB attribute", "<html><body><div data-x=\"" + "a".repeat(12 * 1024 * 1024) + "\">x</div></body></html>",
        plain));
    inputs.add(html("a 1 MiB meta content in the charset scan window", "<meta http-equiv=\"content-type\" content=\""
        + "charset=".repeat(128 * 1024) + "\"><p>x</p>", plain));
    inputs.add(html("100,000 attributes on one element", "<div " + attributes(100_000) + ">x</div>", plain));
    // Guard: resolving each link with absUrl searched all its ancestors for the base URI, quadratic in depth.
    inputs.add(html("100,000 links, each one level deeper", "<body>" + "<div><a href=\"l\">l</a>".repeat(100_000), plain));
    // Regression: the same for canonical links, when none of them is usable.
    inputs.add(html("100,000 unusable canonical links, each one level deeper", "<body>"
        + "<div><link rel=\"canonical\" href=\"mailto:x\">".repeat(100_000), plain));
    inputs.add(html("100,000 links", "<body>" + "<a href=\"/l\">l</a>".repeat(100_000), plain));
    inputs.add(html("a 5 MiB word without white space", "<p>" + "w".repeat(5 * 1024 * 1024), plain));
    inputs.add(html("unclosed tags", "<html><head><title>t<body><div><p><b><i><table><tr><td><a href='x", plain));
    inputs.add(html("unclosed comment", "<html><body><p>before<!-- never closed <p>after", plain));
    inputs.add(html("unclosed script", "<html><body><script>var s = '<p>not text</p>';", plain));
    inputs.add(html("unclosed attribute quote", "<a href=\"/x title='y'>text<p>more", plain));
    inputs.add(html("lone <", "<", plain));
    inputs.add(html("lone < with a hostile url", "<", new FetchMetadata("http://[::1", null, null, Map.of())));
    inputs.add(html("hostile base href and page url", "<base href=\"http://[bad\"><a href=\"x\">x</a><a href=\"http://exa mple.com/%zz\">y</a>",
        new FetchMetadata("https://exa mple.com/%zz", null, null, Map.of())));
    inputs.add(html("javascript base href", "<base href=\"javascript:alert(1)\"><a href=\"x\">x</a><link rel=canonical href=x>", plain));
    inputs.add(html("odd entities", "<p>&#xD800; &#0; &#x110000; &#99999999999; &amp &unknown; &#x;</p>", plain));
    inputs.add(html("odd dates and langs", "<html lang=\"" + "x-".repeat(10_000) + "\"><meta property=\"article:published_time\" "
        + "content=\"99999-99-99T99:99:99+99:99\"><time datetime=\"0000-00-00\">t</time>", plain));
    inputs.add(html("unknown charset declarations", "<meta charset=\"x-nope\"><meta charset=\"\"><meta charset><p>x</p>",
        new FetchMetadata(null, null, null, Map.of("Content-Type", "text/html; charset=\"\";;;"))));

    byte[] withNuls = "<html><body>a\0b<p\0>c\0</p></body></html>".getBytes(StandardCharsets.US_ASCII);
    inputs.add(new Hostile("NUL bytes inside markup", withNuls, plain));
    inputs.add(new Hostile("1 MiB of NUL bytes", new byte[1024 * 1024], plain));

    byte[] invalidUtf8 = concat("<p>".getBytes(StandardCharsets.US_ASCII),
        new byte[] {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, 0x28, (byte) 0xA1, (byte) 0xF0, 0x28, (byte) 0x8C,
            (byte) 0xBC, (byte) 0xF8, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xA1, (byte) 0xED, (byte) 0xA0, (byte) 0x80},
        "</p>".getBytes(StandardCharsets.US_ASCII));
    inputs.add(new Hostile("invalid UTF-8 declared as UTF-8 by header", invalidUtf8,
        new FetchMetadata("https://www.example.com/", null, null, Map.of("Content-Type", "text/html; charset=utf-8"))));
    inputs.add(new Hostile("invalid UTF-8 declared as UTF-8 by meta",
        concat("<meta charset=utf-8>".getBytes(StandardCharsets.US_ASCII), invalidUtf8), plain));
    String page = "<html><body><p>caf\u00e9 \u20ac</p></body></html>";
    inputs.add(new Hostile("UTF-16LE without BOM", page.getBytes(StandardCharsets.UTF_16LE), plain));
    inputs.add(new Hostile("UTF-16BE without BOM", page.getBytes(StandardCharsets.UTF_16BE), plain));
    inputs.add(new Hostile("UTF-16LE BOM then odd length", Arrays.copyOf(
        concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, page.getBytes(StandardCharsets.UTF_16LE)), 31), plain));
    inputs.add(new Hostile("UTF-8 BOM only", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, plain));
    inputs.add(new Hostile("UTF-16 BOM only", new byte[] {(byte) 0xFF, (byte) 0xFE}, plain));

    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      byte[] bytes = new byte[64 * 1024];
      random.nextBytes(bytes);
      inputs.add(new Hostile("random bytes, seed " + seed, bytes, plain));
      inputs.add(new Hostile("random bytes after '<html>', seed " + seed,
          concat("<html><body>".getBytes(StandardCharsets.US_ASCII), bytes), plain));
      inputs.add(html("random markup soup, seed " + seed, soup(random, 20_000), plain));
    }
    return inputs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void neverThrowsAndFinishes(Hostile input) {
    RawRecord record = new RawRecord("s3://raw/dt=2024-05-01/hostile.html", 0, input.bytes(), false, input.metadata());
    RecordOutcome outcome = assertTimeoutPreemptively(HANG_GUARD, () -> new PageParser().parse(record));
    if (outcome instanceof ParsedPage page) {
      assertEquals(input.bytes().length, page.contentLength());
      assertEquals(64, page.contentSha256().length());
      for (int i = 0; i < page.links().size(); i++) {
        assertEquals(i, page.links().get(i).position());
      }
    } else if (outcome instanceof Quarantine quarantine) {
      assertTrue(EXPECTED_REASONS.contains(quarantine.reason()), () -> quarantine.reason() + ": " + quarantine.detail());
    } else {
      fail("Expected a page or a quarantine entry, got " + outcome);
    }
  }

  private static Hostile html(String name, String html, FetchMetadata metadata) {
    return new Hostile(name, html.getBytes(StandardCharsets.UTF_8), metadata);
  }

  private static String attributes(int count) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < count; i++) {
      s.append("a").append(i).append("=\"v\" ");
    }
    return s.toString();
  }

  /** Tag-shaped tokens in random order: unbalanced, interleaved, half-open. */
  private static String soup(Random random, int tokens) {
    String[] pieces = {"<div>", "</div>", "<p>", "</p>", "<table>", "<tr>", "<td>", "</table>", "<a href='", "'>", "</a>",
        "<!--", "-->", "<script>", "</script>", "<style>", "<title>", "<meta charset=", "<base href=", "<article>", "<nav>",
        "<h1>", "<br>", "<img alt=", "&amp", "&#", "<", ">", "\"", "=", "x", " ", "\n", "caf\u00e9", "\u0000", "<![CDATA[",
        "<svg>", "<math>", "<template>", "<frameset>", "<html lang=", "<select>", "<option>", "</body>", "<body>"};
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    return s.toString();
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}

package io.htmllake.parsers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.parsers.FetchMetadata;
import io.htmllake.parsers.PriceParser;
import io.htmllake.parsers.Quarantine;
import io.htmllake.parsers.RawRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every field type and option on hand-written pages; expected values written by hand. */
class SpecExtractorTest {

  private static final String URL = "https://shop.example.com/p/42";

  private static SpecExtractor.Extraction run(String spec, String html, String url) {
    SpecExtractor extractor = new SpecExtractor(SpecParser.parse("t.yaml", spec));
    return extractor.extract(new RawRecord("file:/raw/p.html", 7, html.getBytes(StandardCharsets.UTF_8), false,
        new FetchMetadata(url, Instant.parse("2026-11-21T00:00:00Z"), 200, Map.of("Content-Type", "text/html; charset=utf-8"))));
  }

  private static SpecExtractor.Extracted extracted(String spec, String html) {
    return assertInstanceOf(SpecExtractor.Extracted.class, run(spec, html, URL));
  }

  /** The values of the one row of a page-level spec. */
  private static List<Object> values(String fields, String body) {
    SpecExtractor.Extracted e = extracted("table: t\nversion: 1\nfields:\n" + fields, "<html lang=\"de\"><body>" + body + "</body></html>");
    assertEquals(List.of(), e.quarantined(), "quarantined");
    assertEquals(1, e.rows().size());
    return e.rows().get(0).values();
  }

  @Test
  void scalarTypes() {
    List<Object> v = values("""
          - {name: s, css: .s}
          - {name: i, css: .i, type: int}
          - {name: l, css: .l, type: long}
          - {name: d, css: .d, type: double}
          - {name: m, css: .m, type: 'decimal(5,2)'}
          - {name: b, css: .b, type: boolean}
          - {name: u, css: a.u, attr: href, type: url}
        """, """
        <p class=s>  Hello
           world </p><p class=i>1.439 Bewertungen</p><p class=l>-9007199254740993</p>
        <p class=d>4,5 / 5</p><p class=m>EUR 12.3456</p><p class=b>Yes</p><a class=u href="../q/7?x=1#top">x</a>
        """);
    assertEquals(List.of("Hello world", 1439, -9007199254740993L, 4.5, new BigDecimal("12.35").setScale(2),
        Boolean.TRUE, "https://shop.example.com/q/7?x=1"), v);
  }

  @Test
  void valuesNotOfTheTypeAreMissing() {
    List<Object> v = values("""
          - {name: i, css: .i, type: int}
          - {name: i2, css: .i2, type: int}
          - {name: m, css: .m, type: 'decimal(3,1)'}
          - {name: b, css: .b, type: boolean}
          - {name: day, css: .day, type: date}
          - {name: u, css: .u, type: url}
        """, "<p class=i>4.5</p><p class=i2>99999999999</p><p class=m>1234.5</p><p class=b>perhaps</p>"
        + "<p class=day>yesterday</p><p class=u>mailto:x@example.com</p>");
    assertEquals(java.util.Arrays.asList(null, null, null, null, null, null), v);
  }

  @Test
  void datesAndTimestamps() {
    List<Object> v = values("""
          - {name: iso, css: .iso, type: date}
          - {name: month, css: .month, type: date, format: MMMM yyyy}
          - {name: german, css: .german, type: date, format: d. MMMM yyyy, locale: de}
          - {name: ts, css: .ts, type: timestamp}
          - {name: local, css: .local, type: timestamp, format: 'dd.MM.yyyy HH:mm', timezone: Europe/Berlin}
          - {name: plain, css: .plain, type: timestamp}
        """, "<p class=iso>2026-12-13T15:00</p><p class=month>June 2010</p><p class=german>3. März 2026</p>"
        + "<p class=ts>2026-11-21T10:15:00+02:00</p><p class=local>21.11.2026 10:15</p><p class=plain>2026-11-21T10:15</p>");
    assertEquals(List.of(LocalDate.of(2026, 12, 13), LocalDate.of(2010, 6, 1), LocalDate.of(2026, 3, 3),
        Instant.parse("2026-11-21T08:15:00Z"), Instant.parse("2026-11-21T09:15:00Z"), Instant.parse("2026-11-21T10:15:00Z")), v);
  }

  @Test
  void prices() {
    List<Object> v = values("""
          - {name: a, css: .a, type: price}
          - {name: b, css: .b, type: price}
          - {name: c, css: .c, type: price, currency: CHF}
        """, "<p class=a>1.234,56 €</p><p class=b>₩129,000</p><p class=c>Preis: 49.90</p>");
    assertEquals(List.of(new PriceParser.Price(new BigDecimal("1234.5600"), "EUR"),
        new PriceParser.Price(new BigDecimal("129000.0000"), "KRW"), new PriceParser.Price(new BigDecimal("49.9000"), "CHF")), v);
  }

  @Test
  void lists() {
    List<Object> v = values("""
          - {name: authors, css: .by a, type: 'list<string>'}
          - {name: sizes, css: li.size, type: 'list<int>'}
          - {name: none, css: .nothing, type: 'list<string>'}
        """, "<p class=by>by <a>Ann Lee</a> and <a> Bo  Chan </a></p><ul><li class=size>36</li><li class=size>n/a</li>"
        + "<li class=size>38</li></ul>");
    assertEquals(java.util.Arrays.asList(List.of("Ann Lee", "Bo Chan"), List.of(36, 38), null), v);
  }

  @Test
  void attributesAndWhatIsRead() {
    List<Object> v = values("""
          - {name: text, css: h1}
          - {name: own, css: h1, attr: own_text}
          - {name: html, css: h1, attr: html}
          - {name: content, css: 'meta[itemprop=sku]', attr: content}
          - {name: link, css: a.next, attr: 'abs:href'}
          - {name: absent, css: a.next, attr: title}
        """, "<h1>Dune <small>(Paperback)</small></h1><meta itemprop=sku content=\"SKU-1\">"
        + "<a class=next href=\"/p/43\">next</a>");
    assertEquals(java.util.Arrays.asList("Dune (Paperback)", "Dune", "Dune <small>(Paperback)</small>", "SKU-1",
        "https://shop.example.com/p/43", null), v);
  }

  @Test
  void regexTakesTheFirstGroup() {
    List<Object> v = values("""
          - {name: isbn, css: li, regex: 'ISBN-13:\\s*(\\d{13})'}
          - {name: nomatch, css: li, regex: 'ISBN-10:\\s*(\\d{10})'}
        """, "<ul><li>Pages: 300</li><li>ISBN-13: 9780316125581</li></ul>");
    assertEquals(java.util.Arrays.asList("9780316125581", null), v);
  }

  @Test
  void fallbackChainTakesTheFirstSelectionWithAValue() {
    String fields = """
          - name: checkin
            type: date
            css: time.checkin
            attr: datetime
            fallback:
              - {css: 'input[name=checkin]', attr: value}
              - {css: .checkin-text}
          - {name: title, css: [h1.title, h2, h1]}
        """;
    assertEquals(List.of(LocalDate.of(2026, 12, 5), "Second"),
        values(fields, "<time class=checkin datetime=\"bad\">x</time><input name=checkin value=2026-12-05><h2>Second</h2><h1>Third</h1>"));
    assertEquals(List.of(LocalDate.of(2026, 12, 9), "Title"),
        values(fields, "<p class=checkin-text>2026-12-09</p><h1 class=title>Title</h1><h2>Second</h2>"));
  }

  @Test
  void defaultsAndWhitespace() {
    List<Object> v = values("""
          - {name: stock, css: .stock, type: int, default: 0}
          - {name: note, css: pre, attr: own_text, normalize_whitespace: false}
          - {name: squashed, css: pre}
        """, "<pre>  a\n   b  </pre>");
    assertEquals(List.of(0, "a\n   b", "a b"), v); // jsoup trims own text at the ends; the inside is kept
  }

  @Test
  void rowsWithPageScopeFields() {
    SpecExtractor.Extracted e = extracted("""
        table: t
        version: 1
        row: tr.room
        fields:
          - {name: hotel, css: h1, scope: page, required: true}
          - {name: room, css: td.type, required: true}
          - {name: price, css: td.price, type: price, required: true}
        """, """
        <h1>Hotel Linde</h1><table>
        <tr class=room><td class=type>Single</td><td class=price>€ 80</td></tr>
        <tr class=room><td class=type></td><td class=price>€ 95</td></tr>
        <tr class=room><td class=type>Suite</td><td class=price>on request</td></tr>
        <tr class=room><td class=type>Double</td><td class=price>€ 120,50</td></tr>
        </table>""");
    assertEquals(List.of(
        new SpecExtractor.ExtractedRow(0, List.of("Hotel Linde", "Single", new PriceParser.Price(new BigDecimal("80.0000"), "EUR"))),
        new SpecExtractor.ExtractedRow(3, List.of("Hotel Linde", "Double", new PriceParser.Price(new BigDecimal("120.5000"), "EUR")))),
        e.rows());
    assertEquals(URL, e.url());
    assertEquals(2, e.quarantined().size());
    Quarantine missing = e.quarantined().get(0);
    assertEquals(Quarantine.Stage.EXTRACT, missing.stage());
    assertEquals(SpecExtractor.MISSING_REQUIRED, missing.reason());
    assertEquals("required field room is missing in row 1 (tr.room): nothing matches css 'td.type'", missing.detail());
    assertEquals("file:/raw/p.html", missing.sourceUri());
    assertEquals(7, missing.sourceOffset());
    assertEquals(URL, missing.url());
    assertEquals("<tr class=\"room\">\n <td class=\"type\"></td>\n <td class=\"price\">€ 95</td>\n</tr>",
        new String(missing.payloadHead(), StandardCharsets.UTF_8));
    Quarantine invalid = e.quarantined().get(1);
    assertEquals(SpecExtractor.INVALID_REQUIRED, invalid.reason());
    assertEquals("required field price: \"on request\" is not a price in row 2 (tr.room)", invalid.detail());
  }

  @Test
  void aPageWithoutItsRequiredFieldIsQuarantinedWhole() {
    SpecExtractor.Extracted e = extracted("table: t\nversion: 1\nfields:\n  - {name: title, css: h1, required: true}\n",
        "<p>no heading</p>");
    assertEquals(List.of(), e.rows());
    assertEquals("required field title is missing: nothing matches css 'h1'", e.quarantined().get(0).detail());
    assertTrue(new String(e.quarantined().get(0).payloadHead(), StandardCharsets.UTF_8).contains("no heading"));
  }

  @Test
  void matchByHostAndUrl() {
    String spec = "table: t\nversion: 1\nmatch: {host: shop.example.com, url: '/p/\\d+$'}\nfields:\n  - {name: title, css: h1}\n";
    String html = "<h1>A</h1>";
    assertInstanceOf(SpecExtractor.Extracted.class, run(spec, html, URL));
    assertInstanceOf(SpecExtractor.NotMatched.class, run(spec, html, "https://shop.example.com/about"));
    assertInstanceOf(SpecExtractor.NotMatched.class, run(spec, html, "https://other.example.com/p/42"));
    // Without a fetched URL the page's <base href> is its URL; without either a spec with match conditions does not apply.
    SpecExtractor.Extracted viaBase = assertInstanceOf(SpecExtractor.Extracted.class,
        run(spec, "<base href=\"https://shop.example.com/p/9\"><h1>B</h1>", null));
    assertEquals("https://shop.example.com/p/9", viaBase.url());
    assertEquals(List.of("B"), viaBase.rows().get(0).values());
    assertInstanceOf(SpecExtractor.NotMatched.class, run(spec, html, null));
  }

  @Test
  void notHtmlIsQuarantinedAsParseFailure() {
    SpecExtractor.Failed f = assertInstanceOf(SpecExtractor.Failed.class,
        run("table: t\nversion: 1\nfields:\n  - {name: title, css: h1}\n", "", URL));
    assertEquals("empty", f.quarantine().reason());
    assertEquals(Quarantine.Stage.PARSE, f.quarantine().stage());
    assertNull(f.quarantine().payloadHead().length == 0 ? null : "non-empty head");
  }
}

package io.htmllake.parsers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Spec validation: one test per kind of error, with the message (file, line, path and what to change) asserted. */
class SpecParserTest {

  private static final String HEAD = "table: books\nversion: 1\nfields:\n";

  /** The errors of a spec, as the job prints them. */
  private static List<String> errors(String yaml) {
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("t.yaml", yaml));
    return e.errors().stream().map(SpecError::toString).toList();
  }

  private static String only(String yaml) {
    List<String> errors = errors(yaml);
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0);
  }

  @Test
  void aValidSpecParses() {
    ExtractorSpec spec = SpecParser.parse("t.yaml", """
        table: books
        version: 2
        description: Books
        match:
          host: [www.example.com, '*.example.org']
          url: '/product/'
        row: div.book
        fields:
          - name: title
            css: [h1, h2]
            required: true
          - name: price
            type: price
            css: .price
            currency: EUR
          - name: pages
            type: int
            css: .pages
            default: 0
          - name: added
            type: timestamp
            format: 'dd.MM.yyyy HH:mm'
            timezone: Europe/Berlin
            css: .added
            scope: page
        """);
    assertEquals("books", spec.table());
    assertEquals("books_v2", spec.versionedTable());
    assertEquals(List.of("www.example.com", "*.example.org"), spec.hosts());
    assertEquals("div.book", spec.rowCss());
    assertEquals(4, spec.fields().size());
    FieldSpec title = spec.fields().get(0);
    assertEquals(2, title.selections().size());
    assertTrue(title.required());
    assertFalse(title.pageScope());
    assertEquals(0, spec.fields().get(2).defaultValue());
    assertTrue(spec.fields().get(3).pageScope());
    assertEquals(List.of("price_amount", "price_currency"), SpecParser.columnsOf(spec.fields().get(1)));
    assertTrue(spec.matches("https://shop.example.org/product/1"));
    assertTrue(spec.matches("https://example.org/product/1"));
    assertFalse(spec.matches("https://www.example.com/about"));
    assertFalse(spec.matches("https://evil-example.org/product/1"));
    assertFalse(spec.matches(null));
  }

  @Test
  void shippedSpecsAreValid() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("conf/extractors"))) {
      List<Path> specs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertEquals(List.of(Path.of("conf/extractors/lodging.yaml"), Path.of("conf/extractors/swde-book.yaml")), specs);
      for (Path p : specs) {
        ExtractorSpec spec = SpecParser.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        assertFalse(spec.fields().isEmpty(), p.toString());
      }
    }
  }

  @Test
  void theReadmeExampleIsValid() throws IOException {
    String readme = Files.readString(Path.of("conf/extractors/README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
    ExtractorSpec spec = SpecParser.parse("README.md", readme.substring(start, readme.indexOf("```", start)));
    assertEquals(List.of("hotel_name", "nightly_price", "review_count", "checkin_date", "isbn_13", "authors", "published",
        "book_url"), spec.fields().stream().map(FieldSpec::name).toList());
    assertEquals(3, spec.fields().get(3).selections().size());
  }

  @Test
  void notYaml() {
    assertEquals("t.yaml:3: not valid YAML: mapping values are not allowed here; check indentation and quote values "
        + "holding ': ' or starting with '*', '&', '[' or '{'", only("table: books\nversion: 1\n - name: x\n"));
  }

  @Test
  void notAMapping() {
    assertEquals("t.yaml:1: a spec is a YAML mapping with the keys table, version, match, row and fields", only("- a\n- b\n"));
    assertEquals("t.yaml:0: a spec is a YAML mapping with the keys table, version, match, row and fields (the file is empty)",
        only(""));
  }

  @Test
  void unknownKeysWithASuggestion() {
    List<String> errors = errors("table: books\nversion: 1\nrows: div\nfields:\n  - name: t\n    selector: h1\n    css: h1\n");
    assertEquals(List.of(
        "t.yaml:3: unknown key \"rows\"; did you mean row? allowed here: description, fields, match, row, table, version",
        "t.yaml:6: fields[0]: unknown key \"selector\"; allowed here: attr, css, currency, default, description, fallback, "
            + "format, locale, name, normalize_whitespace, regex, required, scope, timezone, type"), errors);
  }

  @Test
  void duplicateKey() {
    assertEquals("t.yaml:6: fields[0]: duplicate key css; keep one", only(HEAD + "  - name: t\n    css: h1\n    css: h2\n"));
  }

  @Test
  void missingKeys() {
    assertEquals(List.of("t.yaml:1: missing key table; add table: <value>",
        "t.yaml:1: missing key version; add version: 1 (bump it when a change is not additive)",
        "t.yaml:1: missing key fields; add a list of fields, e.g. fields: [{name: title, css: h1}]"), errors("description: x\n"));
    assertEquals("t.yaml:4: fields[0] (t): missing key css; add the CSS selector of the element holding the value, e.g. css: h1",
        only(HEAD + "  - name: t\n"));
  }

  @Test
  void badTableNameAndVersion() {
    assertEquals(List.of("t.yaml:1: table: \"Books!\" is not a table name; use lower-case letters, digits and _ starting "
            + "with a letter, e.g. lodging_rooms",
        "t.yaml:2: version: expected a whole number from 1 (e.g. version: 1), got \"1.5\""),
        errors("table: Books!\nversion: 1.5\nfields:\n  - {name: t, css: h1}\n"));
  }

  @Test
  void badCssSelector() {
    String e = only(HEAD + "  - name: t\n    css: 'div[class'\n");
    assertTrue(e.startsWith("t.yaml:5: fields[0] (t).css: invalid CSS selector \"div[class\": "), e);
    assertTrue(e.endsWith("; fix the selector (jsoup syntax, e.g. div.price > span, meta[itemprop=price])"), e);
    assertTrue(only("table: b\nversion: 1\nrow: 'li:nth-child(x)'\nfields:\n  - {name: t, css: h1}\n")
        .startsWith("t.yaml:3: row: invalid CSS selector \"li:nth-child(x)\": "));
  }

  @Test
  void badRegex() {
    assertEquals("t.yaml:6: fields[0] (t).regex: invalid regex \"(\\d+\": Unclosed group near index 4; fix it (Java regex "
        + "syntax; in YAML prefer single quotes so backslashes stay as written)", only(HEAD + "  - name: t\n    css: h1\n    regex: '(\\d+'\n"));
    assertEquals("t.yaml:3: match.url: invalid regex \"[a-\": Illegal character range near index 3; fix it (Java regex "
        + "syntax; in YAML prefer single quotes so backslashes stay as written)",
        only("table: b\nversion: 1\nmatch: {url: '[a-'}\nfields:\n  - {name: t, css: h1}\n"));
  }

  @Test
  void regexWithoutCaptureGroup() {
    assertEquals("t.yaml:6: fields[0] (t).regex: regex \"\\d+\" has no capture group; put the value in parentheses, "
        + "e.g. 'ISBN: (\\d+)' (use (?:...) for other groups)", only(HEAD + "  - name: t\n    css: h1\n    regex: '\\d+'\n"));
  }

  @Test
  void badTypes() {
    assertEquals("t.yaml:6: fields[0] (t).type: unknown type \"integer\"; use one of string, int, long, double, decimal(p,s), "
        + "boolean, date, timestamp, price, url, list<...>", only(HEAD + "  - name: t\n    css: h1\n    type: integer\n"));
    assertEquals("t.yaml:6: fields[0] (t).type: decimal(40,2) is out of range; precision must be 1 to 38 and scale at most "
        + "the precision, e.g. decimal(10,2)", only(HEAD + "  - name: t\n    css: h1\n    type: decimal(40,2)\n"));
    assertEquals("t.yaml:6: fields[0] (t).type: decimal needs a precision and a scale, e.g. decimal(10,2)",
        only(HEAD + "  - name: t\n    css: h1\n    type: decimal\n"));
    assertEquals("t.yaml:6: fields[0] (t).type: list<price> is not supported (a price is two columns); use a row selector, "
        + "one row per price", only(HEAD + "  - name: t\n    css: h1\n    type: list<price>\n"));
    assertEquals("t.yaml:6: fields[0] (t).required: expected true or false, got \"maybe\"",
        only(HEAD + "  - name: t\n    css: h1\n    required: maybe\n"));
  }

  @Test
  void duplicateFieldNames() {
    assertEquals("t.yaml:6: fields[1] (title).name: duplicate field name title (first on line 4); give each field its own name",
        only(HEAD + "  - name: title\n    css: h1\n  - name: title\n    css: h2\n"));
  }

  @Test
  void columnClashes() {
    assertEquals("t.yaml:4: fields[0] (url).name: column url clashes with a column every spec table has "
        + "(page_id, url, row_index, dt); rename the field", only(HEAD + "  - {name: url, css: a}\n"));
    assertEquals("t.yaml:5: fields[1] (price_amount).name: column price_amount clashes with another field's column (a price "
        + "field P is the columns P_amount and P_currency); rename the field",
        only(HEAD + "  - {name: price, css: .p, type: price}\n  - {name: price_amount, css: .a}\n"));
    assertEquals("t.yaml:4: fields[0] (Title).name: \"Title\" is not a column name; use lower-case letters, digits and _ "
        + "starting with a letter, e.g. room_price", only(HEAD + "  - {name: Title, css: h1}\n"));
  }

  @Test
  void optionsOnTheWrongType() {
    assertEquals("t.yaml:4: fields[0] (t).format: format is only for type date or timestamp (this field is string); remove it",
        only(HEAD + "  - {name: t, css: h1, format: yyyy}\n"));
    assertEquals("t.yaml:4: fields[0] (t).currency: currency is only for type price; remove it",
        only(HEAD + "  - {name: t, css: h1, currency: EUR}\n"));
    assertEquals("t.yaml:4: fields[0] (t).timezone: timezone is only for type timestamp; remove it",
        only(HEAD + "  - {name: t, css: h1, type: date, timezone: UTC}\n"));
    assertEquals("t.yaml:4: fields[0] (t).scope: scope: row needs a row selector; add row: <css> at the top or remove scope",
        only(HEAD + "  - {name: t, css: h1, scope: row}\n"));
    assertEquals("t.yaml:4: fields[0] (t).scope: unknown scope \"doc\"; use page (the whole page) or row (inside the row "
        + "element, the default when there is a row selector)", only(HEAD + "  - {name: t, css: h1, scope: doc}\n"));
  }

  @Test
  void badFormatZoneCurrencyAndHost() {
    String e = only(HEAD + "  - {name: t, css: h1, type: date, format: 'yyyy-MM-dd{'}\n");
    assertTrue(e.startsWith("t.yaml:4: fields[0] (t).format: invalid date pattern \"yyyy-MM-dd{\": "), e);
    assertTrue(e.endsWith("; use java.time letters, e.g. yyyy-MM-dd or MMMM yyyy"), e);
    assertEquals("t.yaml:4: fields[0] (t).timezone: unknown time zone \"Mars/Olympus\"; use an IANA name (Europe/Berlin) or "
        + "an offset (+02:00)", only(HEAD + "  - {name: t, css: h1, type: timestamp, timezone: Mars/Olympus}\n"));
    assertEquals("t.yaml:4: fields[0] (t).currency: \"doubloons\" is not a currency; use an ISO 4217 code such as EUR or USD",
        only(HEAD + "  - {name: t, css: h1, type: price, currency: doubloons}\n"));
    assertEquals("t.yaml:3: match.host: \"https://example.com\" is not a host name; write it as in the URL, e.g. "
        + "www.example.com, or *.example.com for every subdomain",
        only("table: b\nversion: 1\nmatch: {host: 'https://example.com'}\nfields:\n  - {name: t, css: h1}\n"));
  }

  @Test
  void defaultsMustBeOfTheType() {
    assertEquals("t.yaml:4: fields[0] (n).default: \"many\" is not a value of type int; change it or remove default",
        only(HEAD + "  - {name: n, css: .n, type: int, default: many}\n"));
    assertEquals("t.yaml:4: fields[0] (n).default: a required field has no default (a row without it is quarantined); "
        + "remove default or required", only(HEAD + "  - {name: n, css: .n, type: int, default: 1, required: true}\n"));
    assertEquals("t.yaml:4: fields[0] (n).default: a list field has no default (no match is null); remove default",
        only(HEAD + "  - {name: n, css: .n, type: 'list<int>', default: 1}\n"));
  }

  @Test
  void badFallbacks() {
    assertEquals(List.of("t.yaml:7: fields[0] (t).fallback[0]: unknown key \"atr\"; did you mean attr? allowed here: attr, css, regex",
        "t.yaml:8: fields[0] (t).fallback[1]: expected a selector or a mapping {css, attr, regex}, got a list"),
        errors(HEAD + "  - name: t\n    css: h1\n    fallback:\n      - {css: h2, atr: title}\n      - [h3]\n"));
  }

  @Test
  void everyErrorOfASpecAtOnce() {
    List<String> errors = errors("""
        table: books
        version: 0
        fields:
          - name: title
            css: 'h1['
            type: strin
          - name: isbn
            css: .isbn
            regex: '\\d{13}'
        """);
    assertEquals(4, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("t.yaml:2: version: "), errors.get(0));
    assertTrue(errors.get(1).startsWith("t.yaml:6: fields[0] (title).type: unknown type \"strin\""), errors.get(1));
    assertTrue(errors.get(2).startsWith("t.yaml:5: fields[0] (title).css: invalid CSS selector"), errors.get(2));
    assertTrue(errors.get(3).startsWith("t.yaml:9: fields[1] (isbn).regex: regex \"\\d{13}\" has no capture group"), errors.get(3));
  }

  @Test
  void exceptionMessageListsEveryError() {
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("x.yaml", "table: b\nversion: 1\nfields: []\n"));
    assertEquals("1 error in extraction spec:\n  x.yaml:3: fields: expected a non-empty list of fields (each item starting "
        + "with '- name: ...')", e.getMessage());
  }

  @Test
  void typesReadAsWritten() {
    assertEquals("decimal(10,2)", FieldType.parse("Decimal( 10 , 2 )").toString());
    assertEquals("list<date>", FieldType.parse("list<date>").toString());
    assertEquals(new FieldType(FieldType.Kind.LONG, 0, 0, true), FieldType.parse("list< long >"));
    assertNull(Values.number("no digits"));
    assertEquals(new BigDecimal("1234"), Values.number("1,234 reviews"));
  }
}

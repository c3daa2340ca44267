package io.htmllake.parsers.spec;

import io.htmllake.parsers.CharsetResolver;
import io.htmllake.parsers.CharsetSource;
import io.htmllake.parsers.PageParser;
import io.htmllake.parsers.PayloadSniffer;
import io.htmllake.parsers.Quarantine;
import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.Urls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;

/**
 * Applies one spec to pages: decides whether a page is one the spec is for, finds its rows (the
 * elements the row selector matches, or the page itself) and reads each field of each row as its
 * type. Never throws for any input bytes. One instance per task (it holds a digest).
 */
public final class SpecExtractor {

  /** Quarantine reason of a row whose required field matched nothing. */
  public static final String MISSING_REQUIRED = "missing_required_field";
  /** Quarantine reason of a row whose required field matched text that is not a value of its type. */
  public static final String INVALID_REQUIRED = "invalid_required_field";
  /** Skipped kind of a record the spec is not for. */
  public static final String NOT_MATCHED = "not_matched";

  private final ExtractorSpec spec;
  private final PageParser ids = new PageParser();

  public SpecExtractor(ExtractorSpec spec) {
    this.spec = spec;
  }

  public ExtractorSpec spec() {
    return spec;
  }

  /** What became of one record. */
  public sealed interface Extraction permits NotMatched, Failed, Extracted {}

  /** The spec is not for this page (host or URL do not match). */
  public record NotMatched(String url) implements Extraction {}

  /** The record is not a page (empty, binary, parser failure). */
  public record Failed(Quarantine quarantine) implements Extraction {}

  /**
   * A page the spec is for.
   *
   * @param pageId the page's id, as in the pages table
   * @param url the page URL (the fetched URL, else its {@code <base href>}), or null
   * @param rows rows with every required field
   * @param quarantined one entry per row missing a required field
   */
  public record Extracted(String pageId, String url, List<ExtractedRow> rows, List<Quarantine> quarantined) implements Extraction {}

  /**
   * One row: its position among the page's row elements (0 for a page-level spec) and one value per
   * field in spec order (null when missing; a {@link io.htmllake.parsers.PriceParser.Price} for a
   * price, a {@link List} for a list).
   */
  public record ExtractedRow(int index, List<Object> values) {}

  /**
   * The outcome for one row element.
   *
   * @param index position of the row element
   * @param values one value per field, or null when a required field failed
   * @param failedField the required field that failed, or null
   * @param reason {@link #MISSING_REQUIRED} or {@link #INVALID_REQUIRED}, or null
   * @param detail what failed, for the quarantine row
   * @param element the row element's HTML (for the quarantine payload), or null
   */
  public record RowResult(int index, List<Object> values, String failedField, String reason, String detail, String element) {
    public boolean ok() {
      return failedField == null;
    }
  }

  public Extraction extract(RawRecord record) {
    String fetchedUrl = record.metadata().url();
    if (fetchedUrl != null && !spec.matches(fetchedUrl)) {
      return new NotMatched(fetchedUrl);
    }
    byte[] bytes = record.payload();
    String notHtml = PayloadSniffer.whyNotHtml(bytes);
    if (notHtml != null) {
      if (fetchedUrl == null && (!spec.hosts().isEmpty() || spec.urlPattern() != null)) {
        return new NotMatched(null); // unknown page that is not HTML: nothing says the spec is for it
      }
      String reason = bytes.length == 0 || notHtml.equals(PayloadSniffer.BLANK) ? "empty" : "not_html";
      return new Failed(Quarantine.of(record, Quarantine.Stage.PARSE, reason, notHtml));
    }
    try {
      CharsetResolver.Resolution charset = record.textCharset() != null
          ? new CharsetResolver.Resolution(record.textCharset(), CharsetSource.CONTAINER, 0)
          : CharsetResolver.resolve(bytes, record.metadata().header("content-type"));
      Document doc = Jsoup.parse(CharsetResolver.decode(bytes, charset), fetchedUrl == null ? "" : fetchedUrl, Parser.htmlParser());
      String url = fetchedUrl != null ? Urls.normalize(fetchedUrl) : Urls.normalize(doc.baseUri());
      if (url == null) {
        url = fetchedUrl;
      }
      if (fetchedUrl == null && !spec.matches(url)) {
        return new NotMatched(url);
      }
      List<RowResult> results = extract(doc);
      List<ExtractedRow> rows = new ArrayList<>(results.size());
      List<Quarantine> quarantined = new ArrayList<>(0);
      for (RowResult r : results) {
        if (r.ok()) {
          rows.add(new ExtractedRow(r.index(), r.values()));
        } else {
          byte[] payload = r.element() == null ? bytes : r.element().getBytes(StandardCharsets.UTF_8);
          quarantined.add(Quarantine.of(record.sourceUri(), record.sourceOffset(), url, Quarantine.Stage.EXTRACT, r.reason(),
              r.detail(), payload));
        }
      }
      return new Extracted(ids.pageId(record), url, rows, quarantined);
    } catch (RuntimeException | StackOverflowError e) {
      return new Failed(Quarantine.of(record, Quarantine.Stage.EXTRACT, "extractor_error",
          e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /** The rows of a parsed page (its base URI resolves relative URLs). */
  public List<RowResult> extract(Document doc) {
    Values.Page page = new Values.Page(Urls.base(doc.baseUri()), language(doc));
    List<FieldSpec> fields = spec.fields();
    // Page-scope fields are read once a page, whatever the number of rows.
    Read[] pageReads = new Read[fields.size()];
    for (int f = 0; f < fields.size(); f++) {
      if (fields.get(f).pageScope()) {
        pageReads[f] = read(fields.get(f), doc, page);
      }
    }
    if (spec.row() == null) {
      return List.of(row(0, doc, pageReads, page, false));
    }
    Elements elements = doc.select(spec.row());
    List<RowResult> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(row(i, elements.get(i), pageReads, page, true));
    }
    return out;
  }

  private RowResult row(int index, Element scope, Read[] pageReads, Values.Page page, boolean isRow) {
    List<FieldSpec> fields = spec.fields();
    Object[] values = new Object[fields.size()];
    for (int f = 0; f < fields.size(); f++) {
      FieldSpec field = fields.get(f);
      Read read = pageReads[f] != null ? pageReads[f] : read(field, scope, page);
      Object value = read.value != null ? read.value : field.defaultValue();
      if (value == null && field.required()) {
        String where = isRow ? " in row " + index + " (" + spec.rowCss() + ")" : "";
        String reason = read.rawSeen != null ? INVALID_REQUIRED : MISSING_REQUIRED;
        String detail = read.rawSeen != null
            ? "required field " + field.name() + ": \"" + abbreviate(read.rawSeen) + "\" is not a " + field.type() + where
            : "required field " + field.name() + " is missing" + where + ": nothing matches "
                + field.selections().stream().map(Selection::toString).reduce((a, b) -> a + ", " + b).orElse("");
        return new RowResult(index, null, field.name(), reason, detail, isRow ? scope.outerHtml() : null);
      }
      values[f] = value;
    }
    return new RowResult(index, Collections.unmodifiableList(Arrays.asList(values)), null, null, null, null);
  }

  /** A field's value, and the first text seen that was not a value of its type (for messages). */
  private record Read(Object value, String rawSeen) {}

  private static Read read(FieldSpec field, Element root, Values.Page page) {
    String rawSeen = null;
    for (Selection s : field.selections()) {
      Elements matched = root.select(s.evaluator());
      if (field.type().list()) {
        List<Object> list = new ArrayList<>(matched.size());
        for (Element e : matched) {
          String text = s.read(e, field.normalizeWhitespace());
          Object v = Values.convert(field, text, page);
          if (v != null) {
            list.add(v);
          } else if (text != null && rawSeen == null) {
            rawSeen = text;
          }
        }
        if (!list.isEmpty()) {
          return new Read(Collections.unmodifiableList(list), null);
        }
        continue;
      }
      for (Element e : matched) {
        String text = s.read(e, field.normalizeWhitespace());
        if (text == null) {
          continue;
        }
        Object v = Values.convert(field, text, page);
        if (v != null) {
          return new Read(v, null);
        }
        if (rawSeen == null) {
          rawSeen = text;
        }
      }
    }
    return new Read(null, rawSeen);
  }

  private static String language(Document doc) {
    Element html = doc.firstElementChild();
    String lang = html == null ? "" : html.attr("lang").strip();
    return lang.isEmpty() ? null : lang.toLowerCase(Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}

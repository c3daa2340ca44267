package io.htmllake.jobs.eval;

import io.htmllake.parsers.FetchMetadata;
import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.spec.ExtractorSpec;
import io.htmllake.parsers.spec.SpecExtractor;
import io.htmllake.parsers.spec.SpecParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code extract}: the shipped {@code conf/extractors/swde-book.yaml} on {@code swde-wren} (50
 * booksamillion.com pages of the SWDE book vertical), scored page by page against its ground truth,
 * per attribute: a page's value is correct when it equals one of the page's true values (for the
 * list attribute author: when the set of authors equals the true set), after squashing whitespace
 * and dropping the ": " SWDE keeps before some values; the date is compared as a month. Precision =
 * correct / pages with a value, recall = correct / pages with a true value.
 *
 * <p>Pages go through {@link SpecExtractor#extract(RawRecord)}, the entry point of the extract job,
 * with no URL (as the raw files have none): the spec matches them by their {@code <base href>}.
 */
public final class SpecEvaluation implements CorpusEvaluation {

  static final List<String> ATTRIBUTES = List.of("title", "author", "isbn_13", "publisher", "publication_date");
  private static final DateTimeFormatter MONTH = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("MMMM yyyy").parseDefaulting(java.time.temporal.ChronoField.DAY_OF_MONTH, 1).toFormatter(Locale.ENGLISH);

  private final Path spec;

  public SpecEvaluation() {
    this(Path.of("conf", "extractors", "swde-book.yaml"));
  }

  SpecEvaluation(Path spec) {
    this.spec = spec;
  }

  @Override
  public String name() {
    return "extract";
  }

  @Override
  public Map<String, Double> run(Path corpus, PrintWriter out) throws IOException {
    Map<String, Double> figures = new LinkedHashMap<>();
    Path set = corpus.resolve("swde-wren");
    Path pages = set.resolve("testset/book/book-booksamillion-2000");
    if (!Files.isDirectory(pages) || !Files.isRegularFile(spec)) {
      out.println("swde-wren: skipped, not found at " + pages + " or no spec at " + spec);
      return figures;
    }
    ExtractorSpec compiled = SpecParser.parse(spec.toString(), Files.readString(spec, StandardCharsets.UTF_8));
    SpecExtractor extractor = new SpecExtractor(compiled);
    Map<String, Map<String, List<String>>> truth = new LinkedHashMap<>();
    for (String attribute : ATTRIBUTES) {
      truth.put(attribute, groundTruth(set.resolve("groundtruth/book/book-booksamillion-" + attribute + ".txt")));
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(pages)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".htm")).sorted().toList();
    }
    Map<String, int[]> counts = new LinkedHashMap<>(); // attribute -> {predicted, expected, correct}
    ATTRIBUTES.forEach(a -> counts.put(a, new int[3]));
    List<String> misses = new ArrayList<>();
    long nanos = 0;
    for (Path file : files) {
      String id = file.getFileName().toString().replace(".htm", "");
      byte[] bytes = Files.readAllBytes(file);
      long t0 = System.nanoTime();
      SpecExtractor.Extraction outcome = extractor.extract(new RawRecord(file.toString(), 0, bytes, false, FetchMetadata.NONE));
      nanos += System.nanoTime() - t0;
      Map<String, Object> values = new TreeMap<>();
      if (outcome instanceof SpecExtractor.Extracted e && !e.rows().isEmpty()) {
        for (int i = 0; i < compiled.fields().size(); i++) {
          values.put(compiled.fields().get(i).name(), e.rows().get(0).values().get(i));
        }
      }
      for (String attribute : ATTRIBUTES) {
        List<String> expected = truth.get(attribute).getOrDefault(id, List.of());
        Object value = values.get(attribute);
        int[] c = counts.get(attribute);
        c[0] += value == null ? 0 : 1;
        c[1] += expected.isEmpty() ? 0 : 1;
        boolean correct = value != null && correct(attribute, value, expected);
        c[2] += correct ? 1 : 0;
        if (!correct && (value != null || !expected.isEmpty())) {
          misses.add(id + " " + attribute + ": got " + value + ", expected " + expected);
        }
      }
    }
    out.printf(Locale.ROOT, "swde-wren (booksamillion, %d pages, spec %s; %.1f ms a page)%n", files.size(), spec,
        files.isEmpty() ? 0.0 : nanos / 1e6 / files.size());
    out.printf(Locale.ROOT, "  %-17s %9s %6s %6s %6s%n", "attribute", "precision", "recall", "f1", "pages");
    for (String attribute : ATTRIBUTES) {
      int[] c = counts.get(attribute);
      double p = c[0] == 0 ? 0 : (double) c[2] / c[0];
      double r = c[1] == 0 ? 0 : (double) c[2] / c[1];
      double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
      out.printf(Locale.ROOT, "  %-17s %9.3f %6.3f %6.3f %6d%n", attribute, p, r, f1, c[1]);
      figures.put("swde-wren." + attribute + ".precision", p);
      figures.put("swde-wren." + attribute + ".recall", r);
      figures.put("swde-wren." + attribute + ".f1", f1);
    }
    misses.stream().limit(10).forEach(m -> out.println("  miss " + m));
    return figures;
  }

  private static boolean correct(String attribute, Object value, List<String> expected) {
    if (value instanceof Collection<?> list) {
      Set<String> got = new HashSet<>();
      list.forEach(v -> got.add(normalise(String.valueOf(v))));
      return got.equals(new HashSet<>(expected));
    }
    if (value instanceof LocalDate date) {
      for (String e : expected) {
        try {
          if (LocalDate.from(MONTH.parse(e)).equals(date)) {
            return true;
          }
        } catch (RuntimeException ex) {
          // a true value that is not a month: it cannot equal a date
        }
      }
      return false;
    }
    return expected.contains(normalise(String.valueOf(value)));
  }

  /** Ground truth file: a header line, a counts line, then {@code pageId \t n \t value...} (UTF-8 with BOM, CRLF). */
  static Map<String, List<String>> groundTruth(Path file) throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 2; i < lines.size(); i++) {
      String[] cols = lines.get(i).split("\t");
      if (cols.length < 3) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (int v = 2; v < cols.length; v++) {
        String n = normalise(cols[v]);
        if (!n.isEmpty() && !n.equals("<NULL>")) {
          values.add(n);
        }
      }
      out.put(cols[0].strip(), values);
    }
    return out;
  }

  static String normalise(String s) {
    String squashed = s.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    return squashed.startsWith(":") ? squashed.substring(1).strip() : squashed;
  }
}

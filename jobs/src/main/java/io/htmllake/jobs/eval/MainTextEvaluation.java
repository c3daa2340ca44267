package io.htmllake.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.htmllake.parsers.ParsedPage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code pages.main_text} against three corpus sets, each with its own published metric, and the
 * whole-page {@code text} beside it as the baseline that any main-text extractor must beat:
 * <ul>
 *   <li>article-extraction-benchmark: shingle precision/recall/F1 ({@link ShingleScore});</li>
 *   <li>trafilatura: snippets found / not found, P/R/F1 over totals ({@link SnippetScore});</li>
 *   <li>readability test pages: shingle metric against the text of their {@code expected.html}
 *       (not a published figure; a check on pages of another kind).</li>
 * </ul>
 * A set absent from the corpus is reported as skipped.
 */
public final class MainTextEvaluation implements CorpusEvaluation {

  static final String AEB = "article-extraction-benchmark";
  static final String TRAFILATURA = "trafilatura";
  static final String READABILITY = "readability";
  private static final int WORST = 10;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public String name() {
    return "main-text";
  }

  @Override
  public Map<String, Double> run(Path corpus, PrintWriter out) throws IOException {
    EvalPageReader reader = new EvalPageReader();
    Map<String, Double> figures = new LinkedHashMap<>();
    if (present(corpus.resolve(AEB), out)) {
      articleBenchmark(corpus.resolve(AEB), reader, out, figures);
    }
    if (present(corpus.resolve(TRAFILATURA), out)) {
      trafilatura(corpus.resolve(TRAFILATURA), reader, out, figures);
    }
    if (present(corpus.resolve(READABILITY).resolve("test-pages"), out)) {
      readability(corpus.resolve(READABILITY).resolve("test-pages"), reader, out, figures);
    }
    return figures;
  }

  static boolean present(Path dir, PrintWriter out) {
    if (Files.isDirectory(dir)) {
      return true;
    }
    out.println("skipped: no corpus set at " + dir);
    return false;
  }

  /** Ground truth {@code {id: {articleBody, url}}}; pages are {@code html/<id>.html.gz}, UTF-8 by the set's README. */
  private void articleBenchmark(Path set, EvalPageReader reader, PrintWriter out, Map<String, Double> figures)
      throws IOException {
    JsonNode truth = json.readTree(set.resolve("ground-truth.json").toFile());
    List<Scored> main = new ArrayList<>();
    List<Scored> whole = new ArrayList<>();
    for (String id : sortedKeys(truth)) {
      JsonNode item = truth.get(id);
      ParsedPage page = reader.parse(set.resolve("html").resolve(id + ".html.gz"), text(item, "url"),
          "text/html; charset=utf-8");
      String expected = text(item, "articleBody");
      main.add(new Scored(id, ShingleScore.score(expected, page == null ? null : page.mainText())));
      whole.add(new Scored(id, ShingleScore.score(expected, page == null ? null : page.text())));
    }
    out.printf(Locale.ROOT, "%s: %d pages; \\w+ tokens, 4-gram shingles, P and R averaged over pages%n", AEB, main.size());
    shingleFigures(AEB, main, whole, out, figures);
  }

  /** {@code evaldata.json} = {url: {with, without, ...}}; files by {@code evaldata.file-index.json}. */
  private void trafilatura(Path set, EvalPageReader reader, PrintWriter out, Map<String, Double> figures)
      throws IOException {
    JsonNode data = json.readTree(set.resolve("evaldata.json").toFile());
    JsonNode index = json.readTree(set.resolve("evaldata.file-index.json").toFile());
    SnippetScore.Counts mainTotal = SnippetScore.Counts.ZERO;
    SnippetScore.Counts wholeTotal = SnippetScore.Counts.ZERO;
    Map<String, SnippetScore.Counts> misses = new TreeMap<>();
    int pages = 0;
    int missingFiles = 0;
    for (String key : sortedKeys(data)) {
      JsonNode item = data.get(key);
      String relative = text(index, key);
      Path file = relative == null ? null : set.resolve(relative);
      if (file == null || !Files.isRegularFile(file)) {
        missingFiles++;
        continue;
      }
      ParsedPage page = reader.parse(file, isUrl(key) ? key : null, null);
      List<String> with = strings(item.get("with"));
      List<String> without = strings(item.get("without"));
      SnippetScore.Counts counts = SnippetScore.score(with, without, page == null ? null : page.mainText());
      mainTotal = mainTotal.plus(counts);
      wholeTotal = wholeTotal.plus(SnippetScore.score(with, without, page == null ? null : page.text()));
      if (counts.fp() + counts.fn() > 0) {
        misses.put(relative, counts);
      }
      pages++;
    }
    out.printf(Locale.ROOT, "%s: %d pages (%d listed files missing); snippets found / not found, totals%n", TRAFILATURA,
        pages, missingFiles);
    snippetLine("main_text", mainTotal, out);
    snippetLine("text (whole page)", wholeTotal, out);
    out.println("  pages with most snippet errors (file: missed with / found without):");
    misses.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, SnippetScore.Counts> e) -> -(e.getValue().fn() + e.getValue().fp()))
            .thenComparing(Map.Entry::getKey))
        .limit(WORST)
        .forEach(e -> out.printf(Locale.ROOT, "    %s: %d / %d%n", e.getKey(), e.getValue().fn(), e.getValue().fp()));
    put(figures, TRAFILATURA, mainTotal);
    put(figures, TRAFILATURA + ".text", wholeTotal);
  }

  /** Each test page's {@code source.html} against the text of its {@code expected.html} (as our parser sees it). */
  private void readability(Path testPages, EvalPageReader reader, PrintWriter out, Map<String, Double> figures)
      throws IOException {
    List<Scored> main = new ArrayList<>();
    List<Scored> whole = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(testPages)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("expected.html"))).sorted().toList()) {
        ParsedPage expectedPage = reader.parse(dir.resolve("expected.html"), null, "text/html; charset=utf-8");
        ParsedPage page = reader.parse(dir.resolve("source.html"), null, null);
        String expected = expectedPage == null ? null : expectedPage.text();
        String name = dir.getFileName().toString();
        main.add(new Scored(name, ShingleScore.score(expected, page == null ? null : page.mainText())));
        whole.add(new Scored(name, ShingleScore.score(expected, page == null ? null : page.text())));
      }
    }
    out.printf(Locale.ROOT, "%s: %d test pages against the text of expected.html; same shingle metric%n", READABILITY,
        main.size());
    shingleFigures(READABILITY, main, whole, out, figures);
  }

  private record Scored(String id, ShingleScore.Counts counts) {}

  private static void shingleFigures(String set, List<Scored> main, List<Scored> whole, PrintWriter out,
      Map<String, Double> figures) {
    ShingleScore.Result mainResult = ShingleScore.Result.of(main.stream().map(Scored::counts).toList());
    ShingleScore.Result wholeResult = ShingleScore.Result.of(whole.stream().map(Scored::counts).toList());
    shingleLine("main_text", mainResult, out);
    shingleLine("text (whole page)", wholeResult, out);
    out.println("  lowest main_text F1 (page: F1):");
    main.stream().sorted(Comparator.comparingDouble((Scored s) -> s.counts().f1()).thenComparing(Scored::id))
        .limit(WORST)
        .forEach(s -> out.printf(Locale.ROOT, "    %s: %.3f%n", s.id(), s.counts().f1()));
    put(figures, set, mainResult);
    put(figures, set + ".text", wholeResult);
  }

  private static void shingleLine(String label, ShingleScore.Result r, PrintWriter out) {
    out.printf(Locale.ROOT, "  %-18s P=%.3f  R=%.3f  F1=%.3f%n", label, r.precision(), r.recall(), r.f1());
  }

  private static void snippetLine(String label, SnippetScore.Counts c, PrintWriter out) {
    out.printf(Locale.ROOT, "  %-18s P=%.3f  R=%.3f  F1=%.3f  accuracy=%.3f  (tp=%d fp=%d fn=%d tn=%d)%n", label,
        c.precision(), c.recall(), c.f1(), c.accuracy(), c.tp(), c.fp(), c.fn(), c.tn());
  }

  private static void put(Map<String, Double> figures, String prefix, ShingleScore.Result r) {
    figures.put(prefix + ".precision", r.precision());
    figures.put(prefix + ".recall", r.recall());
    figures.put(prefix + ".f1", r.f1());
  }

  private static void put(Map<String, Double> figures, String prefix, SnippetScore.Counts c) {
    figures.put(prefix + ".precision", c.precision());
    figures.put(prefix + ".recall", c.recall());
    figures.put(prefix + ".f1", c.f1());
    figures.put(prefix + ".accuracy", c.accuracy());
  }

  static List<String> sortedKeys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  /** A text field, or null when absent, null or not text. */
  static String text(JsonNode object, String field) {
    JsonNode value = object == null ? null : object.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  static boolean isUrl(String key) {
    return key.startsWith("http://") || key.startsWith("https://");
  }
}

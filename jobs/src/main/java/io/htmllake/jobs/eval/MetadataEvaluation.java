package io.htmllake.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.htmllake.parsers.ParsedPage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Title, author, published day, description (and language where the set has it) of
 * {@code pages} against the trafilatura, readability and goose3 ground truths: the share of pages
 * whose field matches exactly after the normalisation {@link MetadataMatch} states. A page counts
 * for a field only when its ground truth gives a non-empty value for it.
 */
public final class MetadataEvaluation implements CorpusEvaluation {

  enum Field { TITLE, AUTHOR, DATE, DESCRIPTION, LANG }

  private static final int MISSES_SHOWN = 5;

  private final ObjectMapper json = new ObjectMapper();

  /** One page with the ground-truth values the set gives (a field absent from the map is not scored). */
  record Case(String id, Path file, String url, Map<Field, String> expected) {}

  /** Pages scored, matched, and the first few misses, per field. */
  static final class Tally {
    final Map<Field, int[]> counts = new EnumMap<>(Field.class);
    final Map<Field, List<String>> misses = new EnumMap<>(Field.class);

    void add(Field field, boolean matched, String miss) {
      int[] c = counts.computeIfAbsent(field, f -> new int[2]);
      c[0]++;
      if (matched) {
        c[1]++;
      } else {
        List<String> shown = misses.computeIfAbsent(field, f -> new ArrayList<>());
        if (shown.size() < MISSES_SHOWN) {
          shown.add(miss);
        }
      }
    }

    double rate(Field field) {
      int[] c = counts.get(field);
      return c == null || c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
    }
  }

  @Override
  public String name() {
    return "metadata";
  }

  @Override
  public Map<String, Double> run(Path corpus, PrintWriter out) throws IOException {
    EvalPageReader reader = new EvalPageReader();
    Map<String, Double> figures = new LinkedHashMap<>();
    out.println("exact match after normalisation: NFKC, white space collapsed, lower case; author: leading 'by' dropped,"
        + " names split at ; , | & 'and', compared as sets; date: published day (ours: UTC day of published_time;"
        + " expected: UTC day when it has an offset, else as written); lang: primary subtag");
    Map<String, List<Case>> sets = new LinkedHashMap<>();
    Path trafilatura = corpus.resolve(MainTextEvaluation.TRAFILATURA);
    if (MainTextEvaluation.present(trafilatura, out)) {
      sets.put("trafilatura", trafilaturaCases(trafilatura));
    }
    Path readability = corpus.resolve(MainTextEvaluation.READABILITY).resolve("test-pages");
    if (MainTextEvaluation.present(readability, out)) {
      sets.put("readability", readabilityCases(readability));
    }
    Path goose = corpus.resolve("goose3").resolve("data");
    if (MainTextEvaluation.present(goose, out)) {
      sets.put("goose3", gooseCases(goose));
    }
    out.printf(Locale.ROOT, "  %-12s %-12s %6s %8s %6s%n", "set", "field", "pages", "matched", "rate");
    List<String> missLines = new ArrayList<>();
    for (Map.Entry<String, List<Case>> set : sets.entrySet()) {
      Tally tally = score(set.getValue(), reader);
      for (Field field : Field.values()) {
        int[] c = tally.counts.get(field);
        if (c == null) {
          continue;
        }
        String key = set.getKey() + "." + field.name().toLowerCase(Locale.ROOT);
        figures.put(key, tally.rate(field));
        out.printf(Locale.ROOT, "  %-12s %-12s %6d %8d %6.3f%n", set.getKey(), field.name().toLowerCase(Locale.ROOT), c[0],
            c[1], tally.rate(field));
        for (String miss : tally.misses.getOrDefault(field, List.of())) {
          missLines.add("    " + key + " " + miss);
        }
      }
    }
    out.println("  first misses per field (page: expected | ours):");
    missLines.forEach(out::println);
    return figures;
  }

  static Tally score(List<Case> cases, EvalPageReader reader) throws IOException {
    Tally tally = new Tally();
    for (Case c : cases) {
      ParsedPage page = reader.parse(c.file(), c.url(), null);
      for (Map.Entry<Field, String> e : c.expected().entrySet()) {
        Field field = e.getKey();
        String expected = e.getValue();
        String ours = page == null ? null : switch (field) {
          case TITLE -> page.title();
          case AUTHOR -> page.author();
          case DATE -> page.publishedTime() == null ? null : MetadataMatch.day(page.publishedTime()).toString();
          case DESCRIPTION -> page.description();
          case LANG -> page.lang();
        };
        boolean matched = switch (field) {
          case TITLE, DESCRIPTION -> Objects.equals(MetadataMatch.text(expected), MetadataMatch.text(ours));
          case AUTHOR -> MetadataMatch.authors(expected).equals(MetadataMatch.authors(ours));
          case DATE -> Objects.equals(Objects.toString(MetadataMatch.expectedDay(expected), null), ours);
          case LANG -> Objects.equals(MetadataMatch.language(expected), MetadataMatch.language(ours));
        };
        tally.add(field, matched, c.id() + ": " + clip(expected) + " | " + clip(ours));
      }
    }
    return tally;
  }

  private static String clip(String s) {
    if (s == null) {
      return "-";
    }
    String t = SnippetScore.normalize(s);
    return t.length() > 80 ? t.substring(0, 77) + "..." : t;
  }

  /** Adds a field when the ground truth gives a non-blank value for it. */
  private static void expect(Map<Field, String> expected, Field field, String value) {
    if (MetadataMatch.text(value) != null) {
      expected.put(field, value);
    }
  }

  /** A string, or a list of strings joined with "; " (authors), or null. */
  private static String joined(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      node.forEach(n -> parts.add(n.asText()));
      return String.join("; ", parts);
    }
    return node.asText();
  }

  private List<Case> trafilaturaCases(Path set) throws IOException {
    JsonNode data = json.readTree(set.resolve("evaldata.json").toFile());
    JsonNode index = json.readTree(set.resolve("evaldata.file-index.json").toFile());
    List<Case> cases = new ArrayList<>();
    for (String key : MainTextEvaluation.sortedKeys(data)) {
      JsonNode item = data.get(key);
      String relative = MainTextEvaluation.text(index, key);
      if (relative == null || !Files.isRegularFile(set.resolve(relative))) {
        continue;
      }
      Map<Field, String> expected = new EnumMap<>(Field.class);
      expect(expected, Field.TITLE, joined(item.get("title")));
      expect(expected, Field.AUTHOR, joined(item.get("author")));
      expect(expected, Field.DATE, joined(item.get("date")));
      expect(expected, Field.DESCRIPTION, joined(item.get("description")));
      if (!expected.isEmpty()) {
        cases.add(new Case(relative, set.resolve(relative), MainTextEvaluation.isUrl(key) ? key : null, expected));
      }
    }
    return cases;
  }

  private List<Case> readabilityCases(Path testPages) throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(testPages)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("expected-metadata.json"))).sorted().toList()) {
        JsonNode meta = json.readTree(dir.resolve("expected-metadata.json").toFile());
        Map<Field, String> expected = new EnumMap<>(Field.class);
        expect(expected, Field.TITLE, joined(meta.get("title")));
        expect(expected, Field.AUTHOR, joined(meta.get("byline")));
        expect(expected, Field.DATE, joined(meta.get("publishedTime")));
        expect(expected, Field.DESCRIPTION, joined(meta.get("excerpt")));
        expect(expected, Field.LANG, joined(meta.get("lang")));
        if (!expected.isEmpty()) {
          cases.add(new Case(dir.getFileName().toString(), dir.resolve("source.html"), null, expected));
        }
      }
    }
    return cases;
  }

  /** {@code data/<feature>/<test>.json} with an {@code expected} object, the page beside it as {@code <test>.html}. */
  private List<Case> gooseCases(Path data) throws IOException {
    List<Case> cases = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(data)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      Path html = file.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".html");
      JsonNode test = json.readTree(file.toFile());
      JsonNode e = test.get("expected");
      if (e == null || !e.isObject() || !Files.isRegularFile(html)) {
        continue;
      }
      Map<Field, String> expected = new EnumMap<>(Field.class);
      expect(expected, Field.TITLE, joined(e.get("title")));
      expect(expected, Field.AUTHOR, joined(e.get("authors")));
      expect(expected, Field.DATE, joined(e.has("publish_datetime_utc") ? e.get("publish_datetime_utc") : e.get("publish_date")));
      expect(expected, Field.DESCRIPTION, joined(e.get("meta_description")));
      expect(expected, Field.LANG, joined(e.get("meta_lang")));
      if (!expected.isEmpty()) {
        cases.add(new Case(data.relativize(file).toString(), html, MainTextEvaluation.text(test, "url"), expected));
      }
    }
    return cases;
  }
}

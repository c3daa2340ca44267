package io.htmllake.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.htmllake.jobs.eval.StructuredDataScore.Node;
import io.htmllake.jobs.eval.StructuredDataScore.Tally;
import io.htmllake.parsers.StructuredDataExtractor;
import io.htmllake.parsers.StructuredItem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Scores {@link StructuredDataExtractor} against the corpus's structured data sets, per syntax, by
 * the rule of {@link StructuredDataScore}:
 * <ul>
 *   <li>{@code extruct/}: the expected outputs of extruct's own tests (microdata, JSON-LD, RDFa as
 *       pyRdfa's flattened graph, OpenGraph), pages read with the base URL those tests use;</li>
 *   <li>{@code schemaorg/}: every official schema.org example, its microdata and RDFa forms each
 *       compared with its JSON-LD form (the JSON-LD form's own extraction is compared with a strict
 *       parse of it, which checks that normalisation loses nothing).</li>
 * </ul>
 */
public final class StructuredDataEvaluation implements CorpusEvaluation {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RDFA_BASE = "http://www.example.com/index.html";

  @Override
  public String name() {
    return "structured-data";
  }

  @Override
  public Map<String, Double> run(Path corpus, PrintWriter out) throws IOException {
    Map<String, Double> figures = new LinkedHashMap<>();
    out.printf(Locale.ROOT, "%-10s %-10s %8s %8s %10s %11s %7s %6s %13s%n", "set", "syntax", "expected", "found", "type-right",
        "props-right", "values", "extra", "consistent*");
    for (String set : List.of("extruct", "schemaorg")) {
      Path dir = corpus.resolve(set);
      if (!Files.isDirectory(dir)) {
        out.println(set + ": skipped, no such directory: " + dir);
        continue;
      }
      StructuredDataScore score = set.equals("extruct") ? scoreExtruct(dir) : scoreSchemaOrg(dir);
      for (Map.Entry<String, Tally> t : score.tallies().entrySet()) {
        Tally tally = t.getValue();
        out.printf(Locale.ROOT, "%-10s %-10s %8d %7.1f%% %9.1f%% %10.1f%% %6.1f%% %6d %s%n", set, t.getKey(), tally.expected,
            100 * tally.foundShare(), 100 * tally.typeShare(), 100 * tally.propertiesShare(), 100 * tally.valuesShare(), tally.extra,
            tally.inconsistent == 0 ? "" : String.format(Locale.ROOT, "%6.1f%% of %d", 100 * tally.consistentPropertiesShare(),
                tally.expected - tally.inconsistent));
        String key = "structured-data." + set + "." + t.getKey() + ".";
        figures.put(key + "expected", (double) tally.expected);
        figures.put(key + "found", tally.foundShare());
        figures.put(key + "type", tally.typeShare());
        figures.put(key + "properties", tally.propertiesShare());
        figures.put(key + "values", tally.valuesShare());
        figures.put(key + "consistent_properties", tally.consistentPropertiesShare());
      }
      if (set.equals("schemaorg")) {
        out.println("  * props-right among the expected items that do not fail only on values absent from their own markup"
            + " (schema.org's microdata/RDFa forms often say other things than the JSON-LD form used as truth)");
      }
      for (Map.Entry<String, Tally> t : score.tallies().entrySet()) {
        List<String> misses = t.getValue().misses;
        int shown = Integer.getInteger("htmllake.eval.misses", 8);
        for (int i = 0; i < Math.min(misses.size(), shown); i++) {
          out.println("  miss " + set + "/" + t.getKey() + " " + clip(misses.get(i)));
        }
        if (misses.size() > shown) {
          out.println("  ... " + (misses.size() - shown) + " more " + set + "/" + t.getKey() + " misses"
              + " (all of them: -Dhtmllake.eval.misses=1000000)");
        }
      }
    }
    return figures;
  }

  private static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  // ---- extruct ----

  private enum Kind { MICRODATA, JSON_LD, RDFA, OPENGRAPH, ALL }

  private record Case(String html, String expected, Kind kind, String baseUrl) {}

  /** The page / expected-output pairs of extruct's tests (see the set's EXPECTED_MAPPING.json) for the syntaxes htmllake reads. */
  private static List<Case> extructCases(Path dir) throws IOException {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("schema.org/CreativeWork.001.html", "schema.org/CreativeWork.001.json", Kind.MICRODATA, ""));
    for (String n : List.of("Event.001", "Event.002", "Event.003", "Event.004", "Event.008", "LocalBusiness.002",
        "LocalBusiness.003", "MusicRecording.001", "SearchAction.001")) {
      cases.add(new Case("schema.org/" + n + ".html", "schema.org/" + n + ".json", Kind.MICRODATA, ""));
    }
    cases.add(new Case("schema.org/product.html", "schema.org/product.json", Kind.MICRODATA, ""));
    cases.add(new Case("schema.org/product.html", "schema.org/product_custom_url.json", Kind.MICRODATA, "http://some-example.com"));
    cases.add(new Case("schema.org/product-ref.html", "schema.org/product-ref.json", Kind.MICRODATA, ""));
    for (String n : List.of("4.2.data", "4.2.meter", "4.2.strings", "4.2.strings.unclean", "5.2", "5.3", "5.5")) {
      cases.add(new Case("w3c/microdata." + n + ".html", "w3c/microdata." + n + ".json", Kind.MICRODATA, ""));
    }
    cases.add(new Case("w3c/microdata.7.1.html", "w3c/microdata.7.1.json", Kind.MICRODATA, "http://blog.example.com/progress-report"));
    cases.add(new Case("w3c/microdata.object.html", "w3c/microdata.object.json", Kind.MICRODATA, "http://www.example.com/microdata/test"));
    cases.add(new Case("websites/microdata-with-description.html", "websites/microdata-with-description.json", Kind.MICRODATA, ""));

    cases.add(new Case("schema.org/CreativeWork.001.html", "schema.org/CreativeWork.001.jsonld", Kind.JSON_LD, ""));
    for (String folder : List.of("schema.org.invalid", "custom.invalid")) {
      for (String html : htmlFiles(dir.resolve(folder))) {
        cases.add(new Case(folder + "/" + html, folder + "/" + html.replaceAll("\\.html$", ".jsonld"), Kind.JSON_LD, ""));
      }
    }
    for (String page : List.of("Elysian Fields Brooklyn Tickets, The Owl Music Parlor, 31 Oct 2015",
        "Maxïmo Park Gigography, Tour History & Past Concerts", "Years & Years Tickets, Tour Dates 2015 & Concerts",
        "jsonld_empty_item_test")) {
      cases.add(new Case("songkick/" + page + ".html", "songkick/" + page + ".jsonld", Kind.JSON_LD, ""));
    }
    cases.add(new Case("misc/null_ld_mock.html", "misc/null_ld_mock.jsonld", Kind.JSON_LD, ""));

    for (String html : htmlFiles(dir.resolve("w3crdfa"))) {
      cases.add(new Case("w3crdfa/" + html, "w3crdfa/" + html.replaceAll("\\.html$", ".expanded.json"), Kind.RDFA, RDFA_BASE));
    }
    cases.add(new Case("wikipedia/xhtml+rdfa.html", "wikipedia/xhtml+rdfa.expanded.json", Kind.RDFA, RDFA_BASE));
    cases.add(new Case("misc/Portfolio_Niels_Lubberman.html", "misc/Portfolio_Niels_Lubberman.json", Kind.RDFA, "http://nielslubberman.nl/drupal/"));
    cases.add(new Case("misc/expanded_OG_support_test.html", "misc/expanded_OG_support_test.json", Kind.RDFA, RDFA_BASE));

    cases.add(new Case("misc/opengraph_test.html", "misc/opengraph_test.json", Kind.OPENGRAPH, ""));
    cases.add(new Case("misc/opengraph_ns_product_test.html", "misc/opengraph_ns_product_test.json", Kind.OPENGRAPH, ""));

    String elysian = "http://www.songkick.com/artists/236156-elysian-fields";
    cases.add(new Case("songkick/elysianfields.html", "songkick/elysianfields.json", Kind.ALL, elysian));
    cases.add(new Case("songkick/elysianfields_1.html", "songkick/elysianfields_1.json", Kind.ALL, elysian));
    cases.add(new Case("songkick/tovestyrke.html", "songkick/tovestyrke.json", Kind.ALL, "https://www.songkick.com/artists/6277604-tove-styrke"));
    return cases;
  }

  private static List<String> htmlFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")).sorted().toList();
    }
  }

  /** Scores every extruct case whose files are present. */
  public static StructuredDataScore scoreExtruct(Path dir) throws IOException {
    StructuredDataScore score = new StructuredDataScore();
    for (Case c : extructCases(dir)) {
      Path html = dir.resolve(c.html());
      Path expectedFile = dir.resolve(c.expected());
      if (!Files.isRegularFile(html) || !Files.isRegularFile(expectedFile)) {
        continue;
      }
      List<StructuredItem> items = StructuredDataExtractor.extract(Jsoup.parse(html.toFile(), null, c.baseUrl()));
      JsonNode expected = JSON.readTree(expectedFile.toFile());
      String page = c.html() + " (" + c.expected() + ")";
      switch (c.kind()) {
        case MICRODATA -> scoreMicrodata(score, page, expected, items);
        case JSON_LD -> scoreJsonLd(score, page, expected, items);
        case RDFA -> scoreRdfa(score, page, expected, items);
        case OPENGRAPH -> scoreOpenGraph(score, page, expected, items);
        case ALL -> {
          scoreMicrodata(score, page, expected.path("microdata"), items);
          scoreJsonLd(score, page, expected.path("json-ld"), items);
          scoreRdfa(score, page, expected.path("rdfa"), items);
          scoreOpenGraph(score, page, expected.path("opengraph"), items);
        }
      }
    }
    return score;
  }

  private static void scoreMicrodata(StructuredDataScore score, String page, JsonNode expected, List<StructuredItem> items) {
    List<Node> nodes = new ArrayList<>();
    for (JsonNode item : expected) {
      Node n = StructuredDataScore.fromExtructMicrodata(item);
      if (!n.types().isEmpty() || !n.properties().isEmpty()) {
        nodes.add(n);
      }
    }
    score.score(page, "microdata", nodes, actual(items, "microdata"));
  }

  private static void scoreJsonLd(StructuredDataScore score, String page, JsonNode expected, List<StructuredItem> items) {
    List<Node> nodes = new ArrayList<>();
    for (JsonNode item : expected) {
      topItems(item, nodes, 0);
    }
    score.score(page, "json-ld", nodes, actual(items, "json-ld"));
  }

  private static void scoreRdfa(StructuredDataScore score, String page, JsonNode expected, List<StructuredItem> items) {
    score.score(page, "rdfa", StructuredDataScore.fromExpandedGraph(expected), StructuredDataScore.flatten(actual(items, "rdfa")));
  }

  private static void scoreOpenGraph(StructuredDataScore score, String page, JsonNode expected, List<StructuredItem> items) {
    List<Node> nodes = new ArrayList<>();
    for (JsonNode item : expected) {
      nodes.add(StructuredDataScore.fromExtructOpenGraph(item));
    }
    score.score(page, "opengraph", nodes, actual(items, "opengraph"));
  }

  /** Expected JSON-LD top-level items: objects, objects of arrays, members of {@code @graph}. */
  private static void topItems(JsonNode value, List<Node> out, int depth) {
    if (depth > 3) {
      return;
    }
    if (value.isArray()) {
      value.forEach(v -> topItems(v, out, depth + 1));
    } else if (value.isObject() && value.has("@graph")) {
      topItems(value.get("@graph"), out, depth + 1);
    } else if (value.isObject() && value.size() > 0) {
      Node n = StructuredDataScore.withoutRdfaVocabulary(StructuredDataScore.fromJsonLd(value));
      if (n != null) {
        out.add(n);
      }
    }
  }

  private static List<Node> actual(List<StructuredItem> items, String syntax) {
    return StructuredDataScore.nodes(items, syntax, json -> {
      try {
        return JSON.readTree(json);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read extracted item JSON: " + json, e);
      }
    });
  }

  // ---- schema.org examples ----

  /** Scores every {@code *.split.jsonl} under the folder. */
  public static StructuredDataScore scoreSchemaOrg(Path dir) throws IOException {
    StructuredDataScore score = new StructuredDataScore();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".split.jsonl")).sorted().toList();
    }
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode example = JSON.readTree(line);
        String page = dir.relativize(file) + " " + example.path("id").asText();
        List<Node> expected = jsonLdForm(example.path("json").asText());
        if (expected.isEmpty()) {
          continue; // no JSON-LD form, or one that is not valid JSON: nothing to compare with
        }
        List<StructuredItem> fromJson = StructuredDataExtractor.extract(Jsoup.parse(example.path("json").asText(), ""));
        score.score(page, "json-ld", expected, actual(fromJson, "json-ld"));
        String microdata = example.path("microdata").asText();
        if (microdata.contains("itemscope")) {
          score.score(page, "microdata", expected, actual(StructuredDataExtractor.extract(Jsoup.parse(microdata, "")), "microdata"),
              microdata);
        }
        String rdfa = example.path("rdfa").asText();
        if (rdfa.contains("typeof") || rdfa.contains("property=")) {
          score.score(page, "rdfa", expected, actual(StructuredDataExtractor.extract(Jsoup.parse(rdfa, "")), "rdfa"), rdfa);
        }
      }
    }
    return score;
  }

  /** Top-level items of the example's JSON-LD scripts, parsed strictly; empty when there are none or they are not valid JSON. */
  private static List<Node> jsonLdForm(String html) {
    Document doc = Jsoup.parse(html, "");
    List<Node> nodes = new ArrayList<>();
    for (Element script : doc.select("script")) {
      try {
        topItems(JSON.readTree(script.data()), nodes, 0);
      } catch (IOException notJson) {
        return List.of();
      }
    }
    return nodes;
  }
}

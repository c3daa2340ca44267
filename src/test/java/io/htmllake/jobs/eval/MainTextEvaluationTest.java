package io.htmllake.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.testing.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the main-text and metadata evaluations on the real corpus and holds the figures reached
 * (skipped, with a message, when {@code ../shared/corpus} is absent).
 */
class MainTextEvaluationTest {

  private static Map<String, Double> run(CorpusEvaluation evaluation) throws IOException {
    StringWriter report = new StringWriter();
    Map<String, Double> figures;
    try (PrintWriter out = new PrintWriter(report)) {
      figures = evaluation.run(Corpus.root(), out);
    }
    System.out.println("== " + evaluation.name() + "\n" + report);
    return figures;
  }

  private static void atLeast(Map<String, Double> figures, String key, double floor) {
    Double value = figures.get(key);
    assertTrue(value != null && value >= floor, key + " = " + value + ", expected at least " + floor);
  }

  private static void near(Map<String, Double> figures, String key, double expected, double tolerance) {
    Double value = figures.get(key);
    assertTrue(value != null && Math.abs(value - expected) <= tolerance, key + " = " + value + ", expected " + expected
        + " ± " + tolerance);
  }

  @Test
  void mainTextScoresOnTheBenchmarks() throws IOException {
    Corpus.require(MainTextEvaluation.AEB);
    Corpus.require(MainTextEvaluation.TRAFILATURA);
    Corpus.require(MainTextEvaluation.READABILITY);
    Map<String, Double> f = run(new MainTextEvaluation());
    // Whole-page text is the html-text / BeautifulSoup baseline: 0.665 published on the full public set,
    // 0.696 on the 121 pages here (the parity of the metric itself is in ShingleScoreTest).
    near(f, "article-extraction-benchmark.text.f1", 0.68, 0.03);
    // Issue 4 asks for F1 >= 0.95 here (published extractors: 0.947-0.96 on the full set); reached 0.965.
    atLeast(f, "article-extraction-benchmark.f1", 0.96);
    atLeast(f, "article-extraction-benchmark.precision", 0.95);
    atLeast(f, "article-extraction-benchmark.recall", 0.97);
    // Issue 4 asks for F1 >= 0.90 (trafilatura itself: about 0.92 on its full set); reached 0.902.
    atLeast(f, "trafilatura.f1", 0.90);
    atLeast(f, "trafilatura.precision", 0.90);
    atLeast(f, "trafilatura.recall", 0.90);
    atLeast(f, "readability.f1", 0.94);
  }

  @Test
  void metadataMatchRates() throws IOException {
    Corpus.require(MainTextEvaluation.TRAFILATURA);
    Corpus.require(MainTextEvaluation.READABILITY);
    Corpus.require("goose3");
    Map<String, Double> f = run(new MetadataEvaluation());
    // Reached (before JSON-LD, title parts, bylines and URL dates: 0.153 / 0.439 / 0.603 / 0.503 on trafilatura).
    atLeast(f, "trafilatura.title", 0.61);
    atLeast(f, "trafilatura.author", 0.59);
    atLeast(f, "trafilatura.date", 0.66);
    atLeast(f, "trafilatura.description", 0.50);
    atLeast(f, "readability.title", 0.74);
    atLeast(f, "readability.author", 0.80);
    atLeast(f, "readability.date", 1.0);
    atLeast(f, "readability.description", 0.51);
    atLeast(f, "goose3.title", 0.69);
    atLeast(f, "goose3.author", 0.33);
    atLeast(f, "goose3.date", 0.33);
    atLeast(f, "goose3.description", 1.0);
  }
}

package io.htmllake.jobs.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Scores one part of the parser against the real-world corpus ({@code ../shared/corpus}) with the
 * metric the corpus README defines for that set, and prints the figures.
 */
public interface CorpusEvaluation {

  /** Short name used by {@code bin/htmllake eval --only <name>}. */
  String name();

  /**
   * @param corpus the corpus root (holding article-extraction-benchmark/, trafilatura/, ...)
   * @param out where to print a human-readable report
   * @return the headline figures by metric name (e.g. {@code article-extraction-benchmark.f1}), for tests
   */
  Map<String, Double> run(Path corpus, PrintWriter out) throws IOException;
}

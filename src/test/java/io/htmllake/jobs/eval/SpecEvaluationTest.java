package io.htmllake.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.testing.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecEvaluationTest {

  @TempDir
  Path tmp;

  @Test
  void isRegistered() {
    assertTrue(EvalCommand.ALL.stream().anyMatch(e -> e.name().equals("extract")));
  }

  /** conf/extractors/swde-book.yaml on the 50 swde-wren pages: every attribute of every page right when it was written. */
  @Test
  void swdeBookSpecOnTheCorpus() throws IOException {
    Corpus.require("swde-wren");
    StringWriter report = new StringWriter();
    Map<String, Double> f = new SpecEvaluation().run(Corpus.root(), new PrintWriter(report, true));
    System.out.print(report);
    for (String attribute : SpecEvaluation.ATTRIBUTES) {
      for (String metric : List.of("precision", "recall", "f1")) {
        String key = "swde-wren." + attribute + "." + metric;
        assertTrue(f.containsKey(key) && f.get(key) >= 0.98, key + " = " + f.get(key) + ", expected at least 0.98\n" + report);
      }
    }
  }

  @Test
  void groundTruthIsReadAsSwdeWritesIt() throws IOException {
    Path file = tmp.resolve("gt.txt");
    Files.writeString(file, "\uFEFFbook\tsite\tauthor\r\n2\t2\t3\t3\r\n0000\t2\tAnn  Lee\tBo Chan\r\n0001\t1\t: Hachette\u00a0Book\r\n"
        + "0002\t1\t<NULL>\r\n", StandardCharsets.UTF_8);
    assertEquals(Map.of("0000", List.of("Ann Lee", "Bo Chan"), "0001", List.of("Hachette Book"), "0002", List.of()),
        SpecEvaluation.groundTruth(file));
  }
}

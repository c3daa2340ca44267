package io.htmllake.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The trafilatura snippet metric on hand-made pages. */
class SnippetScoreTest {

  private static final double EPS = 1e-12;

  @Test
  void snippetsAreFoundAfterWhiteSpaceNormalisation() {
    SnippetScore.Counts c = SnippetScore.score(
        List.of("First  paragraph\nof the article.", "Second\u00a0paragraph", "Not extracted"),
        List.of("Subscribe now", "Related stories"),
        "Title\nFirst paragraph of the article.\nSecond paragraph here.\nRelated stories");
    assertEquals(new SnippetScore.Counts(2, 1, 1, 1), c);
  }

  @Test
  void nothingExtractedMissesEveryWithSnippetAndAvoidsEveryWithoutSnippet() {
    assertEquals(new SnippetScore.Counts(0, 0, 2, 3), SnippetScore.score(List.of("a", "b"), List.of("x", "y", "z"), null));
  }

  @Test
  void figuresAreOverTotals() {
    SnippetScore.Counts total = new SnippetScore.Counts(2, 1, 1, 1).plus(new SnippetScore.Counts(3, 0, 0, 3));
    assertEquals(new SnippetScore.Counts(5, 1, 1, 4), total);
    assertEquals(5.0 / 6, total.precision(), EPS);
    assertEquals(5.0 / 6, total.recall(), EPS);
    assertEquals(10.0 / 12, total.f1(), EPS);
    assertEquals(9.0 / 11, total.accuracy(), EPS);
    assertEquals(0, SnippetScore.Counts.ZERO.f1(), EPS);
  }

  @Test
  void normaliseCollapsesUnicodeSpaceLikePython() {
    assertEquals("a b c", SnippetScore.normalize(" \u2003a\t\u00a0b\r\n\u202fc \u3000"));
  }
}

package io.htmllake.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The article-extraction-benchmark metric on inputs small enough to count by hand. */
class ShingleScoreTest {

  private static final double EPS = 1e-12;

  @Test
  void tokensAreUnicodeWordRunsLikePythonsBackslashW() {
    assertEquals(List.of("Déjà", "vu", "2", "fois", "snake_case", "東京"), ShingleScore.tokens("Déjà-vu, 2 fois! snake_case 東京"));
    // Python's \w does not match combining marks: a decomposed "é" splits the word as evaluate.py does.
    assertEquals(List.of("cafe", "s"), ShingleScore.tokens("cafe\u0301s"));
    assertEquals(List.of(), ShingleScore.tokens(null));
  }

  @Test
  void shinglesAreFourTokenWindowsOrOneShortShingle() {
    assertEquals(Map.of("a b c d", 1, "b c d e", 1), ShingleScore.shingles("a b c d e"));
    assertEquals(Map.of("a b", 1), ShingleScore.shingles("a, b."));
    assertEquals(Map.of("a a a a", 2), ShingleScore.shingles("a a a a a"));
    assertEquals(Map.of(), ShingleScore.shingles(""));
  }

  @Test
  void countsAreMultisetOverlapNormalisedPerDocument() {
    // truth: {abcd, bcde}; prediction: {abcd, bcdx}: tp 1, fp 1, fn 1 -> each 1/3.
    ShingleScore.Counts c = ShingleScore.score("a b c d e", "a b c d x");
    assertEquals(1.0 / 3, c.tp(), EPS);
    assertEquals(1.0 / 3, c.fp(), EPS);
    assertEquals(1.0 / 3, c.fn(), EPS);
    // A repeated shingle counts as often as it occurs: truth has "a a a a" twice, prediction once.
    ShingleScore.Counts repeated = ShingleScore.score("a a a a a", "a a a a");
    assertEquals(0.5, repeated.tp(), EPS);
    assertEquals(0.5, repeated.fn(), EPS);
    assertEquals(0, repeated.fp(), EPS);
    assertEquals(new ShingleScore.Counts(0, 0, 1), ShingleScore.score("a b c d", null));
    assertEquals(new ShingleScore.Counts(0, 0, 0), ShingleScore.score("", ""));
  }

  @Test
  void precisionAndRecallAreAveragedOverDocumentsThenCombined() {
    ShingleScore.Counts perfect = ShingleScore.score("one two three four five", "one two three four five");
    ShingleScore.Counts half = ShingleScore.score("a b c d e", "a b c d x"); // P = R = 1/2
    ShingleScore.Counts empty = ShingleScore.score("a b c d", "");           // no prediction: only in recall, as 0
    ShingleScore.Result r = ShingleScore.Result.of(List.of(perfect, half, empty));
    assertEquals(3, r.documents());
    assertEquals((1 + 0.5) / 2, r.precision(), EPS);
    assertEquals((1 + 0.5 + 0) / 3, r.recall(), EPS);
    assertEquals(2 * 0.75 * 0.5 / 1.25, r.f1(), EPS);
  }

  @Test
  void extraTextLowersPrecisionOnly() {
    ShingleScore.Counts c = ShingleScore.score("a b c d", "menu home a b c d");
    // prediction shingles: {menu home a b, home a b c, a b c d}; truth {a b c d}
    assertEquals(1.0 / 3, c.precision(), EPS);
    assertEquals(1.0, c.recall(), EPS);
  }
}

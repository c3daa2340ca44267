package io.htmllake.jobs.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article-extraction-benchmark metric, as its {@code evaluate.py} computes it: tokens are the
 * runs of Python's Unicode {@code \w} (letters, numbers and underscore; not combining marks), a
 * document is the multiset of its 4-token shingles (one shorter shingle when it has fewer than four
 * tokens), and each document's true/false positive and false negative counts are divided by their
 * sum so that long articles weigh no more than short ones. Precision and recall are averaged over
 * documents; F1 is the harmonic mean of the two averages.
 */
public final class ShingleScore {

  /** Python's {@code re.UNICODE} {@code \w}: str.isalnum() (categories L* and N*) or underscore. */
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");
  static final int SHINGLE = 4;

  private ShingleScore() {}

  /**
   * One document's counts, normalised to sum 1 (all zero when both texts have no token).
   *
   * @param tp shingles in both texts (multiset intersection)
   * @param fp shingles only in the prediction
   * @param fn shingles only in the ground truth
   */
  public record Counts(double tp, double fp, double fn) {

    /** The document's own F1 (for listing the worst documents). */
    public double f1() {
      double denominator = 2 * tp + fp + fn;
      return denominator == 0 ? 1 : 2 * tp / denominator;
    }

    double precision() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      return tp == 0 && fp == 0 ? 0 : tp / (tp + fp);
    }

    double recall() {
      if (fp == 0 && fn == 0) {
        return 1;
      }
      return tp == 0 && fn == 0 ? 0 : tp / (tp + fn);
    }
  }

  /**
   * Mean precision and recall over documents and the F1 of those means.
   *
   * @param documents documents scored
   * @param precision mean precision over the documents that predicted some text
   * @param recall mean recall over the documents whose ground truth has some text
   * @param f1 harmonic mean of precision and recall
   */
  public record Result(int documents, double precision, double recall, double f1) {

    /** Averages documents as {@code evaluate.py}'s {@code metrics_from_tp_fp_fns} does. */
    public static Result of(List<Counts> documents) {
      double precisionSum = 0;
      int precisionCount = 0;
      double recallSum = 0;
      int recallCount = 0;
      for (Counts c : documents) {
        if (c.tp() + c.fp() > 0) {
          precisionSum += c.precision();
          precisionCount++;
        }
        if (c.tp() + c.fn() > 0) {
          recallSum += c.recall();
          recallCount++;
        }
      }
      double precision = precisionCount == 0 ? 0 : precisionSum / precisionCount;
      double recall = recallCount == 0 ? 0 : recallSum / recallCount;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      return new Result(documents.size(), precision, recall, f1);
    }
  }

  /** The {@code \w+} tokens of a text; none for null. */
  public static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    if (text != null) {
      Matcher m = TOKEN.matcher(text);
      while (m.find()) {
        tokens.add(m.group());
      }
    }
    return tokens;
  }

  /** The multiset of shingles of a text: each 4-token window (or all tokens when fewer) with its count. */
  static Map<String, Integer> shingles(String text) {
    List<String> tokens = tokens(text);
    Map<String, Integer> shingles = new HashMap<>();
    int windows = Math.max(1, tokens.size() - SHINGLE + 1);
    for (int i = 0; i < windows && i < tokens.size(); i++) {
      // Tokens hold no spaces, so a space-joined window identifies the tuple.
      String shingle = String.join(" ", tokens.subList(i, Math.min(tokens.size(), i + SHINGLE)));
      shingles.merge(shingle, 1, Integer::sum);
    }
    return shingles;
  }

  /** Scores one predicted text (null means nothing predicted) against its ground truth. */
  public static Counts score(String truth, String predicted) {
    Map<String, Integer> expected = shingles(truth);
    Map<String, Integer> actual = shingles(predicted);
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      int want = e.getValue();
      int got = actual.getOrDefault(e.getKey(), 0);
      tp += Math.min(want, got);
      fn += Math.max(0, want - got);
    }
    for (Map.Entry<String, Integer> e : actual.entrySet()) {
      fp += Math.max(0, e.getValue() - expected.getOrDefault(e.getKey(), 0));
    }
    double sum = tp + fp + fn;
    return sum == 0 ? new Counts(0, 0, 0) : new Counts(tp / sum, fp / sum, fn / sum);
  }
}

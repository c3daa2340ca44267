package io.htmllake.jobs.eval;

import java.util.List;

/**
 * The trafilatura evaluation's metric (its {@code tests/eval_common.py}): each page lists text
 * snippets that belong to the main text ({@code with}) and snippets that must not appear in it
 * ({@code without}). After white-space normalisation, a {@code with} snippet found in the extracted
 * text is a true positive (else a false negative), a {@code without} snippet found is a false
 * positive (else a true negative). Precision, recall and F1 are computed over the totals of all pages.
 */
public final class SnippetScore {

  private SnippetScore() {}

  /** Summed counts over pages. */
  public record Counts(int tp, int fp, int fn, int tn) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0);

    public Counts plus(Counts other) {
      return new Counts(tp + other.tp, fp + other.fp, fn + other.fn, tn + other.tn);
    }

    public double precision() {
      return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
      int denominator = 2 * tp + fp + fn;
      return denominator == 0 ? 0 : 2.0 * tp / denominator;
    }

    public double accuracy() {
      int total = tp + fp + fn + tn;
      return total == 0 ? 0 : (double) (tp + tn) / total;
    }
  }

  /** Scores one page's extracted text (null: nothing extracted, so every snippet is missing). */
  public static Counts score(List<String> with, List<String> without, String extracted) {
    if (extracted == null) {
      return new Counts(0, 0, with.size(), without.size());
    }
    String text = normalize(extracted);
    int tp = 0;
    for (String snippet : with) {
      if (text.contains(normalize(snippet))) {
        tp++;
      }
    }
    int fp = 0;
    for (String snippet : without) {
      if (text.contains(normalize(snippet))) {
        fp++;
      }
    }
    return new Counts(tp, fp, with.size() - tp, without.size() - fp);
  }

  /** Python's {@code re.sub(r"\s+", " ", text).strip()}: every run of Unicode white space becomes one space. */
  static String normalize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isPythonSpace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** str.isspace(): Java's white space plus the no-break spaces and NEL, which Python also counts. */
  private static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}

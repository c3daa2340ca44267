package io.htmllake.parsers;

/**
 * Whitespace normalisation of extracted text: runs of white space (including no-break and other
 * Unicode space characters) become one space, and the ends are trimmed.
 */
public final class Whitespace {

  private Whitespace() {}

  /** The squashed text; null for null, "" for blank. */
  public static String squash(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
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

  /** As {@link #squash}, but null for blank text too. */
  public static String squashOrNull(String s) {
    String squashed = squash(s);
    return squashed == null || squashed.isEmpty() ? null : squashed;
  }
}

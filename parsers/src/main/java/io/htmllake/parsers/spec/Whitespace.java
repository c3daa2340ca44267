package io.htmllake.parsers.spec;

/** Whitespace normalisation of extracted values: runs of whitespace (including no-break spaces) become one space; ends trimmed. */
final class Whitespace {

  private Whitespace() {}

  static String squash(String s) {
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
}

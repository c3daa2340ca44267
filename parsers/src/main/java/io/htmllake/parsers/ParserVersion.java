package io.htmllake.parsers;

/** Version stamped on every row; bump it whenever the parser's output for the same bytes changes. */
public final class ParserVersion {
  public static final String VALUE = "1.2.0";

  private ParserVersion() {}
}

package io.htmllake.parsers;

import java.util.Locale;

/** Where the charset a page was decoded with came from, in order of precedence. */
public enum CharsetSource {
  BOM, HTTP, META, DETECTED, DEFAULT;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.htmllake.parsers;

import java.util.Locale;

/** Where the charset a page was decoded with came from, in order of precedence. */
public enum CharsetSource {
  BOM, HTTP, META, DETECTED, DEFAULT,
  /** The record format carried the page as text (JSON Lines {@code html}), so no decoding choice was made. */
  CONTAINER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}

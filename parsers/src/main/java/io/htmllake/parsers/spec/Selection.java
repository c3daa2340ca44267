package io.htmllake.parsers.spec;

import io.htmllake.parsers.Whitespace;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;

/**
 * One way to find a field's value: a CSS selector, what to read from the element it matches, and an
 * optional regex whose first capture group is the value.
 *
 * @param css the selector as written
 * @param evaluator the compiled selector
 * @param attr {@code text} (default: the element's text), {@code own_text}, {@code html}, or an
 *     attribute name, {@code abs:} for a URL resolved against the page
 * @param regex null, or a pattern with at least one capture group (searched, not matched whole)
 */
public record Selection(String css, Evaluator evaluator, String attr, Pattern regex) {

  public static final String TEXT = "text";
  public static final String OWN_TEXT = "own_text";
  public static final String HTML = "html";

  /** What the element gives before the regex, or null when it gives nothing. */
  String read(Element element, boolean normalizeWhitespace) {
    String raw = switch (attr == null ? TEXT : attr.toLowerCase(Locale.ROOT)) {
      case TEXT -> element.text();
      case OWN_TEXT -> element.ownText();
      case HTML -> element.html();
      default -> element.hasAttr(attr.startsWith("abs:") ? attr.substring(4) : attr) ? element.attr(attr) : null;
    };
    if (raw == null) {
      return null;
    }
    if (regex != null) {
      Matcher m = regex.matcher(raw);
      if (!m.find()) {
        return null;
      }
      raw = m.group(1);
      if (raw == null) {
        return null;
      }
    }
    String value = normalizeWhitespace ? Whitespace.squash(raw) : raw;
    return value == null || value.isEmpty() ? null : value;
  }

  @Override
  public String toString() {
    return "css '" + css + "'" + (attr == null ? "" : " attr " + attr) + (regex == null ? "" : " regex '" + regex.pattern() + "'");
  }
}

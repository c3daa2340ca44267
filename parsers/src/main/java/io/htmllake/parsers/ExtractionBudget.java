package io.htmllake.parsers;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * What one page may cost the microdata and RDFa readers: units of work (element visits, property
 * values), items built, and characters of text kept. Hostile markup (a property wrapping a
 * 10,000-deep tree of properties, itemref chains that fan out) runs it down; once spent, readers
 * stop adding values and items, and the page keeps what it has.
 */
final class ExtractionBudget {

  private static final Set<String> NO_TEXT = Set.of("script", "style", "template", "noscript");

  private long remaining;
  private int items;
  private long textChars;

  ExtractionBudget(long units, int items, long textChars) {
    this.remaining = units;
    this.items = items;
    this.textChars = textChars;
  }

  /** @return false when the page has built as many items as it may */
  boolean newItem() {
    if (items <= 0) {
      return false;
    }
    items--;
    return true;
  }

  /** @return false, and spends nothing, when fewer than {@code units} remain */
  boolean spend(long units) {
    if (remaining < units) {
      remaining = 0;
      return false;
    }
    remaining -= units;
    return true;
  }

  boolean spent() {
    return remaining <= 0;
  }

  /**
   * The element's text with whitespace collapsed, without script and style contents, at most
   * {@code maxChars} long (less when the page's text allowance is nearly spent); each node visited
   * costs one unit.
   */
  String text(Element element, int maxCharsWanted) {
    int maxChars = (int) Math.min(maxCharsWanted, textChars);
    if (maxChars <= 0) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!spend(1) || text.length() >= maxChars) {
          return FilterResult.STOP;
        }
        if (node instanceof TextNode t) {
          text.append(t.getWholeText());
        } else if (node instanceof Element e && node != element) {
          if (NO_TEXT.contains(e.normalName())) {
            return FilterResult.SKIP_ENTIRELY;
          }
          if (e.isBlock() || e.normalName().equals("br")) {
            text.append(' ');
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element e && node != element && e.isBlock()) {
          text.append(' ');
        }
        return FilterResult.CONTINUE;
      }
    }, element);
    String squashed = TextExtractor.squash(text.length() > maxChars ? text.substring(0, maxChars) : text.toString());
    if (squashed == null) {
      return "";
    }
    textChars -= squashed.length();
    return squashed;
  }
}

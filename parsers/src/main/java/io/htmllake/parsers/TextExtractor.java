package io.htmllake.parsers;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Turns a DOM subtree into text with one block a line. Traversal is iterative (jsoup's
 * NodeTraversor), so deeply nested documents cannot overflow the stack.
 */
final class TextExtractor {

  /** Never visible. */
  private static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template", "head", "title",
      "iframe", "object", "embed", "svg", "math", "canvas", "select", "option", "button", "input", "textarea");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");

  private TextExtractor() {}

  /** Visible text of the whole element. */
  static String visibleText(Element root) {
    return collect(root, element -> false);
  }

  /** Text of the page's main content, without furniture: see {@link MainContent}. */
  static String mainText(Element body, DocumentScan scan) {
    String scored = MainContent.text(body, scan);
    if (scored != null && scored.length() >= SHORT_PAGE_TEXT) {
      return scored;
    }
    // Too little text for scoring to tell content from furniture: the page's own markup decides
    // (the largest outermost <article>, else <main> / [role=main], else the body, minus furniture).
    Element root = null;
    int best = 0;
    for (Element article : scan.articles) {
      int length = article.text().length();
      if (length > best) {
        best = length;
        root = article;
      }
    }
    if (root == null) {
      root = scan.main;
    }
    Element from = root == null ? body : root;
    String marked = collect(from, e -> e != from && (MainContent.isFurniture(e) || MainContent.isUnlikely(e)
        || e.normalName().equals("form") || MainContent.SHARE.matcher(e.className() + " " + e.id()).find()));
    return marked != null ? marked : scored;
  }

  /** Below this many characters of scored main text a page counts as short. */
  static final int SHORT_PAGE_TEXT = 200;

  static int wordCount(String text) {
    if (text == null) {
      return 0;
    }
    Matcher m = WORD.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  /** Collapses runs of white space to one space and trims; null for blank input. */
  static String squash(String s) {
    return Whitespace.squashOrNull(s);
  }

  static boolean isInvisible(Element element) {
    return INVISIBLE.contains(element.normalName()) || element.hasAttr("hidden");
  }

  /**
   * Like {@link #isInvisible} for a reader without scripts: {@code <noscript>} content is what it
   * shows (some blogs put the whole post there and in a script template).
   */
  static boolean isInvisibleWithoutScripts(Element element) {
    return !element.normalName().equals("noscript") && isInvisible(element);
  }

  /** Text of the root, one block a line, leaving out invisible elements and those {@code skip} accepts. */
  static String collect(Element root, Predicate<Element> skip) {
    return collect(root, skip, false);
  }

  static String collect(Element root, Predicate<Element> skip, boolean withoutScripts) {
    StringBuilder text = new StringBuilder();
    StringBuilder line = new StringBuilder();
    NodeTraversor.filter(new NodeFilter() {
      private int visited;

      @Override
      public FilterResult head(Node node, int depth) {
        if ((++visited & 1023) == 0) {
          Interruption.check();
        }
        if (node instanceof TextNode textNode) {
          line.append(textNode.getWholeText());
          return FilterResult.CONTINUE;
        }
        if (node instanceof Element element) {
          String tag = element.normalName();
          boolean invisible = withoutScripts ? isInvisibleWithoutScripts(element) : INVISIBLE.contains(tag) || element.hasAttr("hidden");
          if (invisible || skip.test(element)) {
            return FilterResult.SKIP_ENTIRELY;
          }
          if (tag.equals("br")) {
            flush(text, line);
          } else if (element.isBlock()) {
            flush(text, line);
          } else if (tag.equals("img")) {
            line.append(' ');
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element element && element.isBlock()) {
          flush(text, line);
        } else if (node instanceof Element element && ("td".equals(element.normalName()) || "th".equals(element.normalName()))) {
          line.append(' ');
        }
        return FilterResult.CONTINUE;
      }
    }, root);
    flush(text, line);
    return text.length() == 0 ? null : text.toString();
  }

  private static void flush(StringBuilder text, StringBuilder line) {
    if (line.length() == 0) {
      return;
    }
    String squashed = squash(line.toString());
    line.setLength(0);
    if (squashed != null) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(squashed);
    }
  }
}

package io.htmllake.parsers;

import java.util.Set;
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
  /** Page furniture left out of the main text. */
  private static final Set<String> BOILERPLATE = Set.of("nav", "header", "footer", "aside", "form", "menu", "dialog",
      "figcaption");
  private static final Set<String> BOILERPLATE_ROLES = Set.of("navigation", "banner", "contentinfo", "complementary",
      "search", "menu", "menubar", "dialog");
  private static final Pattern BOILERPLATE_NAMES = Pattern.compile(
      "(?i)(^|[\\s_-])(comments?|comment-list|disqus|sidebar|share|social|related|breadcrumbs?|cookie|newsletter"
          + "|advert|ads|ad-slot|promo|subscribe|skip-link|footer|nav|menu)($|[\\s_-])");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");

  private TextExtractor() {}

  /** Visible text of the whole element. */
  static String visibleText(Element root) {
    return collect(root, false);
  }

  /**
   * Text of the page's main content: the largest outermost {@code <article>}, else {@code <main>}
   * or {@code [role=main]}, else the body; in each case without navigation, headers, footers,
   * asides, forms and comment or share blocks.
   */
  static String mainText(Element body, DocumentScan scan) {
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
    return collect(root == null ? body : root, true);
  }

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
    return out.length() == 0 ? null : out.toString();
  }

  private static String collect(Element root, boolean skipBoilerplate) {
    StringBuilder text = new StringBuilder();
    StringBuilder line = new StringBuilder();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
          line.append(textNode.getWholeText());
          return FilterResult.CONTINUE;
        }
        if (node instanceof Element element) {
          String tag = element.normalName();
          if (INVISIBLE.contains(tag) || element.hasAttr("hidden")) {
            return FilterResult.SKIP_ENTIRELY;
          }
          if (skipBoilerplate && element != root && isBoilerplate(element, tag)) {
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

  private static boolean isBoilerplate(Element element, String tag) {
    if (BOILERPLATE.contains(tag)) {
      return true;
    }
    String role = element.attr("role");
    if (!role.isEmpty() && BOILERPLATE_ROLES.contains(role.toLowerCase(java.util.Locale.ROOT))) {
      return true;
    }
    String names = element.className() + " " + element.id();
    return names.length() > 1 && BOILERPLATE_NAMES.matcher(names).find();
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

package io.htmllake.parsers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Finds a page's main content the way Mozilla's Readability does, on jsoup and without changing
 * the document: paragraphs score their ancestors (length, commas), candidates are weighed by class
 * and id names and by link density, the best one is widened to an ancestor that several good
 * candidates share and to siblings that score alike, and the text is then written without the
 * blocks that look like furniture (link lists, share bars, bylines, forms, image galleries).
 *
 * <p>Each attempt is one iterative pass over the body plus one over the chosen content, so the
 * work is linear in the page size and deep nesting cannot overflow the stack. When an attempt
 * yields too little text the next one relaxes a rule, as Readability does; at most four passes.
 */
final class MainContent {

  /** Text below this many characters makes the extractor relax a rule and try again. */
  private static final int ENOUGH_TEXT = 500;
  private static final int MIN_PARAGRAPH = 25;
  private static final double RELAXED_GAIN = 1.5;
  /** A short paragraph or list item with more link text than this is a teaser, not content. */
  private static final double LINK_PARAGRAPH_DENSITY = 0.5;
  /** How far above the chosen element an enclosing {@code <article>} is looked for, and the share of its score it needs. */
  private static final int ARTICLE_LEVELS = 4;
  private static final double ARTICLE_SHARE = 0.5;
  private static final int ANCESTOR_LEVELS = 5;
  private static final int MAX_SIBLINGS = 1000;
  /** How far up the tree the widening steps look. */
  private static final int MAX_ANCESTORS = 500;

  /** Never part of the main text. */
  private static final Set<String> FURNITURE = Set.of("nav", "aside", "footer", "header", "menu", "dialog",
      "figcaption", "button", "select", "textarea", "input");
  private static final Set<String> FURNITURE_ROLES = Set.of("navigation", "banner", "contentinfo", "complementary",
      "search", "menu", "menubar", "dialog", "alert", "alertdialog");
  /** Elements whose text counts as one paragraph when it is long enough. */
  private static final Set<String> PARAGRAPH_TAGS = Set.of("p", "pre", "td", "blockquote", "h2", "h3", "h4", "h5", "h6");
  /** Elements that count as a paragraph when they hold no block-level child. */
  private static final Set<String> DIV_LIKE = Set.of("div", "section", "article", "main");
  /** Elements whose blocks are judged by their content (link density, images, list items) before being written. */
  private static final Set<String> CONDITIONAL = Set.of("div", "section", "table", "ul", "ol", "dl", "fieldset", "figure",
      "form");
  private static final Set<String> INPUTS = Set.of("input", "select", "textarea", "button");

  private static final Pattern UNLIKELY = Pattern.compile("(?i)-ad-|ai2html|banner|breadcrumbs|combx|comment|community"
      + "|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper"
      + "|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote"
      // Beyond Readability: boxes a browser shows only on demand or over the page.
      + "|modal|overlay|dialog|login|cookie|consent|newsletter");
  private static final Pattern MAYBE = Pattern.compile("(?i)and|article|body|column|content|main|shadow");
  private static final Pattern NEGATIVE = Pattern.compile("(?i)-ad-|(?<!label-)hidden|^hid$| hid$| hid |^hid |banner|combx|comment"
      + "|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar"
      + "|skyscraper|sponsor|shopping|tags|tool|widget");
  private static final Pattern POSITIVE = Pattern.compile("(?i)article|body|content|entry|hentry|h-entry|main|page"
      + "|pagination|post|text|blog|story");
  static final Pattern SHARE = Pattern.compile("(?i)share|sharing|social");
  private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
  private static final Pattern SENTENCE_END = Pattern.compile("\\.( |$)");

  /** The rules an attempt applies; later attempts drop them one by one. */
  private record Rules(boolean stripUnlikely, boolean weighClasses, boolean cleanConditionally) {}

  private static final List<Rules> ATTEMPTS = List.of(new Rules(true, true, true), new Rules(false, true, true),
      new Rules(false, false, true), new Rules(false, false, false));

  private MainContent() {}

  /** The main text of the body, one block a line, or null when the page has no text. */
  static String text(Element body, DocumentScan scan) {
    String best = null;
    for (Rules rules : ATTEMPTS) {
      String text = new Attempt(body, scan, rules).run();
      // A relaxed rule lets more furniture in: its result wins only when it finds much more text.
      if (text != null && (best == null || text.length() > best.length() * RELAXED_GAIN)) {
        best = text;
      }
      if (best != null && best.length() >= ENOUGH_TEXT) {
        return best;
      }
    }
    return best;
  }

  /** What the scoring pass learnt about one element. */
  private static final class Stats {
    final Element element;
    int text;
    int linkText;
    int commas;
    int paragraphs;
    int images;
    int listItems;
    int listText;
    int inputs;
    int embeds;
    /** Text and commas of the current run of inline content directly inside this element. */
    int run;
    int runCommas;
    boolean blockChild;
    boolean holdsParagraph;
    /** Inside a figure (images there are content), inside a table or code (names there are not furniture). */
    boolean inFigure;
    boolean inTableOrCode;
    boolean candidate;
    double score;

    Stats(Element element) {
      this.element = element;
    }

    /** Adds a closed child's figures to this element's. */
    void add(Stats child, String tag) {
      text += child.text;
      linkText += tag.equals("a") ? child.text : child.linkText;
      commas += child.commas;
      paragraphs += child.paragraphs + (tag.equals("p") ? 1 : 0);
      images += child.images + (tag.equals("img") ? 1 : 0);
      listItems += child.listItems + (tag.equals("li") ? 1 : 0);
      listText += tag.equals("li") ? child.text : child.listText;
      inputs += child.inputs;
      embeds += child.embeds + (tag.equals("embed") || tag.equals("object") || tag.equals("iframe") ? 1 : 0);
      blockChild |= child.element.isBlock() && !tag.equals("br");
      holdsParagraph |= child.holdsParagraph;
    }

    double linkDensity() {
      return text == 0 ? 0 : (double) linkText / text;
    }
  }

  private static final class Attempt {
    private final Element body;
    private final DocumentScan scan;
    private final Rules rules;
    /** The scoring pass's statistics of every element it reached. */
    private final Map<Element, Stats> scored = new IdentityHashMap<>();
    private final Set<Element> unlikely = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Blocks of the chosen content that the cleaning pass judged furniture. */
    private final Set<Element> junk = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Stats> candidates = new ArrayList<>();

    Attempt(Element body, DocumentScan scan, Rules rules) {
      this.body = body;
      this.scan = scan;
      this.rules = rules;
    }

    String run() {
      if (body == null) {
        return null;
      }
      walk(body, true);
      Element top = topCandidate();
      List<Element> parts = top == body ? List.of(body) : withSiblings(top);
      StringBuilder out = new StringBuilder();
      for (Element part : parts) {
        walk(part, false);
        String text = TextExtractor.collect(part, e -> e != part && (junk.contains(e) || unlikely.contains(e)
            || isHidden(e) || isFurniture(e) || e == scan.firstH1), true);
        if (text != null) {
          if (out.length() > 0) {
            out.append('\n');
          }
          out.append(text);
        }
      }
      return out.length() == 0 ? null : out.toString();
    }

    /**
     * One iterative pass over the subtree, gathering each element's statistics bottom-up. The
     * scoring pass hands paragraph scores to ancestors; the cleaning pass judges each block on the
     * statistics of what is left of it once its own junk children are gone (Readability removes
     * junk deepest first for the same reason).
     */
    private void walk(Element root, boolean scoring) {
      ArrayDeque<Stats> stack = new ArrayDeque<>();
      NodeTraversor.filter(new NodeFilter() {
        private int visited;

        @Override
        public FilterResult head(Node node, int depth) {
          if ((++visited & 1023) == 0) {
            Interruption.check();
          }
          if (node instanceof TextNode textNode) {
            Stats top = stack.peek();
            if (top != null) {
              String s = textNode.getWholeText();
              int length = visibleLength(s);
              int commas = commas(s);
              top.text += length;
              top.commas += commas;
              top.run += length;
              top.runCommas += commas;
            }
            return FilterResult.CONTINUE;
          }
          if (!(node instanceof Element e)) {
            return FilterResult.CONTINUE;
          }
          Stats parent = stack.peek();
          if (parent != null && INPUTS.contains(e.normalName())) {
            parent.inputs++;
          }
          if (TextExtractor.isInvisibleWithoutScripts(e) || isHidden(e)) {
            return FilterResult.SKIP_ENTIRELY;
          }
          boolean inTableOrCode = parent != null && parent.inTableOrCode;
          if (e != root && (unlikely.contains(e) || (!scoring && isFurniture(e)))) {
            return FilterResult.SKIP_ENTIRELY;
          }
          if (scoring && e != root && rules.stripUnlikely && !inTableOrCode && isUnlikely(e)) {
            unlikely.add(e);
            return FilterResult.SKIP_ENTIRELY;
          }
          String tag = e.normalName();
          if (scoring && parent != null && e.isBlock()) {
            endRun(stack);
          }
          Stats s = new Stats(e);
          s.inFigure = tag.equals("figure") || (parent != null && parent.inFigure);
          s.inTableOrCode = inTableOrCode || tag.equals("table") || tag.equals("code");
          stack.push(s);
          return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
          if (!(node instanceof Element e) || stack.isEmpty() || stack.peek().element != e) {
            return FilterResult.CONTINUE;
          }
          Stats s = stack.peek();
          String tag = e.normalName();
          if (scoring) {
            if (s.blockChild) {
              // Loose text beside blocks reads as paragraphs of this element (Readability wraps it in <p>).
              endRun(stack);
            }
            stack.pop();
            scored.put(e, s);
            boolean paragraph = !s.holdsParagraph && s.text >= MIN_PARAGRAPH
                && (PARAGRAPH_TAGS.contains(tag) || (DIV_LIKE.contains(tag) && !s.blockChild));
            if (paragraph) {
              scoreAncestors(stack, 1 + s.commas + Math.min(s.text / 100, 3));
              s.holdsParagraph = true;
            }
          } else {
            stack.pop();
            if (e != root && isJunk(e, s)) {
              junk.add(e);
              return FilterResult.CONTINUE;
            }
          }
          Stats parent = stack.peek();
          if (parent != null) {
            parent.add(s, tag);
            if (scoring && !e.isBlock() && !tag.equals("br") && !s.blockChild) {
              parent.run += s.text;
              parent.runCommas += s.commas;
            }
          }
          return FilterResult.CONTINUE;
        }
      }, root);
    }

    /** Scores the run of inline text of the element on top of the stack as a paragraph of that element. */
    private void endRun(ArrayDeque<Stats> stack) {
      Stats s = stack.peek();
      if (s.run >= MIN_PARAGRAPH) {
        s.holdsParagraph = true;
        scoreAncestors(stack, 1 + s.runCommas + Math.min(s.run / 100, 3));
      }
      s.run = 0;
      s.runCommas = 0;
    }

    /** Adds a paragraph's points to the elements on the stack (its parent first), Readability's way. */
    private void scoreAncestors(ArrayDeque<Stats> stack, double points) {
      int level = 0;
      for (Stats ancestor : stack) {
        if (level == ANCESTOR_LEVELS) {
          break;
        }
        if (!ancestor.candidate) {
          ancestor.candidate = true;
          ancestor.score = initialScore(ancestor.element);
          candidates.add(ancestor);
        }
        ancestor.score += points / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
        level++;
      }
    }

    private double initialScore(Element e) {
      double score = switch (e.normalName()) {
        case "div" -> 5;
        case "pre", "td", "blockquote" -> 3;
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
        case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
        default -> 0;
      };
      return score + classWeight(e);
    }

    private int classWeight(Element e) {
      if (!rules.weighClasses) {
        return 0;
      }
      int weight = 0;
      String className = e.className();
      if (!className.isEmpty()) {
        weight += NEGATIVE.matcher(className).find() ? -25 : 0;
        weight += POSITIVE.matcher(className).find() ? 25 : 0;
      }
      String id = e.id();
      if (!id.isEmpty()) {
        weight += NEGATIVE.matcher(id).find() ? -25 : 0;
        weight += POSITIVE.matcher(id).find() ? 25 : 0;
      }
      return weight;
    }

    /** The best candidate, after Readability's link-density discount and its two widening steps; the body when none. */
    private Element topCandidate() {
      for (Stats c : candidates) {
        c.score *= 1 - c.linkDensity();
      }
      if (candidates.isEmpty()) {
        return body;
      }
      List<Stats> ranked = new ArrayList<>(candidates);
      ranked.sort(Comparator.comparingDouble((Stats s) -> -s.score));
      Stats top = ranked.get(0);
      if (top.score <= 0) {
        return body;
      }
      Element best = top.element;
      // Several near-best candidates under one ancestor: the content is that ancestor.
      List<Set<Element>> alternatives = new ArrayList<>();
      for (int i = 1; i < Math.min(5, ranked.size()); i++) {
        if (ranked.get(i).score / top.score >= 0.75) {
          alternatives.add(ancestors(ranked.get(i).element));
        }
      }
      if (alternatives.size() >= 3) {
        int level = 0;
        for (Element p = best.parent(); p != null && p != body && level < MAX_ANCESTORS; p = p.parent(), level++) {
          int holding = 0;
          for (Set<Element> a : alternatives) {
            if (a.contains(p)) {
              holding++;
            }
          }
          if (holding >= 3) {
            best = p;
            break;
          }
        }
      }
      // A scored parent that beats its child takes its place.
      double lastScore = score(best);
      double threshold = lastScore / 3;
      for (Element p = best.parent(); p != null && p != body; p = p.parent()) {
        Stats ps = scored.get(p);
        if (ps == null || !ps.candidate) {
          continue;
        }
        if (ps.score < threshold) {
          break;
        }
        if (ps.score > lastScore) {
          best = p;
          break;
        }
        lastScore = ps.score;
      }
      while (best.parent() != null && best.parent() != body && best.parent().childrenSize() == 1) {
        best = best.parent();
      }
      // Content split into several sections of one <article>: the article, when it scores alike.
      double bestScore = score(best) == 0 ? top.score : score(best);
      int level = 0;
      for (Element p = best.parent(); p != null && p != body && level < ARTICLE_LEVELS; p = p.parent(), level++) {
        if (isArticle(p)) {
          if (score(p) >= bestScore * ARTICLE_SHARE) {
            best = p;
          }
          break;
        }
      }
      return best;
    }

    private double score(Element e) {
      Stats s = scored.get(e);
      return s == null || !s.candidate ? 0 : s.score;
    }

    private static Set<Element> ancestors(Element e) {
      Set<Element> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Element p = e.parent(); p != null && ancestors.size() < MAX_ANCESTORS; p = p.parent()) {
        ancestors.add(p);
      }
      return ancestors;
    }

    /** The top candidate with those of its siblings that score alike or read as paragraphs, in document order. */
    private List<Element> withSiblings(Element top) {
      Element parent = top.parent();
      if (parent == null) {
        return List.of(top);
      }
      double topScore = score(top);
      double threshold = Math.max(10, topScore * 0.2);
      String topClass = top.className();
      List<Element> parts = new ArrayList<>();
      int seen = 0;
      for (Element sibling : parent.children()) {
        if (sibling == top) {
          parts.add(top);
          continue;
        }
        if (++seen > MAX_SIBLINGS) {
          break;
        }
        Stats s = scored.get(sibling);
        if (s == null) {
          continue;
        }
        double bonus = !topClass.isEmpty() && topClass.equals(sibling.className()) ? topScore * 0.2 : 0;
        boolean append = s.candidate && s.score + bonus >= threshold;
        if (!append && sibling.normalName().equals("p")) {
          double density = s.linkDensity();
          append = s.text > 80 ? density < 0.25
              : s.text > 0 && density == 0 && SENTENCE_END.matcher(sibling.text()).find();
        }
        if (append) {
          parts.add(sibling);
        }
      }
      return parts;
    }

    /** True for a block of the content to leave out, judged on what is left of it after its own junk is gone. */
    private boolean isJunk(Element e, Stats s) {
      String tag = e.normalName();
      if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
        return classWeight(e) < 0 || s.linkDensity() > 0.33;
      }
      if (!rules.cleanConditionally) {
        return false;
      }
      String names = e.className() + " " + e.id();
      if (names.length() > 1 && SHARE.matcher(names).find() && s.text < 500) {
        return true;
      }
      if (!CONDITIONAL.contains(tag)) {
        // A short paragraph that is mostly a link: "Read more: ...", a related-story teaser.
        return (tag.equals("p") || tag.equals("li")) && s.text < 300
            && s.linkDensity() > LINK_PARAGRAPH_DENSITY;
      }
      int weight = classWeight(e);
      if (weight < 0 && weight + score(e) < 0) {
        return true;
      }
      if (s.commas >= 10) {
        return false;
      }
      boolean list = tag.equals("ul") || tag.equals("ol") || (s.text > 0 && s.listText > 0.9 * s.text);
      if (s.images > 1 && (double) s.paragraphs / s.images < 0.5 && !s.inFigure) {
        return true;
      }
      // More list items than paragraphs reads as a menu only when the items are links or labels.
      if (!list && s.listItems > s.paragraphs && (s.linkDensity() > 0.1 || s.listText < 50 * s.listItems)) {
        return true;
      }
      if (s.inputs > s.paragraphs / 3) {
        return true;
      }
      if (!list && s.text < MIN_PARAGRAPH && (s.images == 0 || s.images > 2) && !s.inFigure) {
        return true;
      }
      double density = s.linkDensity();
      if (weight < 25 && density > 0.2) {
        return true;
      }
      if (weight >= 25 && density > 0.5) {
        return true;
      }
      return (s.embeds == 1 && s.text < 75) || s.embeds > 1;
    }
  }

  private static boolean isArticle(Element e) {
    return e.normalName().equals("article") || e.attr("itemprop").equalsIgnoreCase("articleBody");
  }

  static boolean isUnlikely(Element e) {
    String tag = e.normalName();
    if (tag.equals("a") || tag.equals("body") || tag.equals("article") || tag.equals("main")) {
      return false;
    }
    if (isFurniture(e)) {
      return true;
    }
    String names = e.className() + " " + e.id();
    return names.length() > 1 && UNLIKELY.matcher(names).find() && !MAYBE.matcher(names).find();
  }

  static boolean isFurniture(Element e) {
    if (FURNITURE.contains(e.normalName())) {
      return true;
    }
    String role = e.attr("role");
    return !role.isEmpty() && FURNITURE_ROLES.contains(role.toLowerCase(Locale.ROOT));
  }

  private static boolean isHidden(Element e) {
    if (e.hasAttr("hidden") || e.attr("aria-hidden").equalsIgnoreCase("true")) {
      return true;
    }
    String style = e.attr("style");
    return !style.isEmpty() && HIDDEN_STYLE.matcher(style).find();
  }

  /** Characters of the text with each run of white space counted once. */
  static int visibleLength(String s) {
    int length = 0;
    boolean space = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        if (!space) {
          length++;
          space = true;
        }
      } else {
        length++;
        space = false;
      }
    }
    return length;
  }

  /** Commas of several scripts, as Readability counts them. */
  static int commas(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case ',', '\u060C', '\uFE50', '\uFE10', '\uFE11', '\u2E41', '\u2E34', '\u2E32', '\uFF0C' -> n++;
        default -> { }
      }
    }
    return n;
  }
}

package io.htmllake.parsers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML microdata (WHATWG "microdata" section): {@code itemscope}, {@code itemtype}, {@code itemprop},
 * {@code itemid}, {@code itemref}. Differences from the algorithm in the standard, chosen to match
 * what extruct (and so most consumers) return:
 * <ul>
 *   <li>an item with {@code itemprop} outside every other item, that no {@code itemref} takes in
 *       (a broken page's "orphan"), is a top-level item too;</li>
 *   <li>properties found through {@code itemref} follow the item's own properties;</li>
 *   <li>an {@code itemref} to an element that is an item without {@code itemprop} takes that item's
 *       properties;</li>
 *   <li>a {@code content} attribute gives the value of any element (schema.org examples use it on
 *       {@code span}), and URL elements without their URL attribute fall back to it;</li>
 *   <li>text values have their white space collapsed and leave out script and style contents.</li>
 * </ul>
 */
final class MicrodataReader {

  private static final Set<String> SRC_ELEMENTS = Set.of("audio", "embed", "iframe", "img", "source", "track", "video");
  private static final Set<String> HREF_ELEMENTS = Set.of("a", "area", "link");

  private final Document doc;
  private final ExtractionBudget budget;
  private final int maxDepth;
  private final int maxTextChars;
  /** Items taken as some item's property value: not top-level. */
  private final Set<Element> nested = Collections.newSetFromMap(new IdentityHashMap<>());
  private Map<String, Element> ids;

  private MicrodataReader(Document doc, ExtractionBudget budget, int maxDepth, int maxTextChars) {
    this.doc = doc;
    this.budget = budget;
    this.maxDepth = maxDepth;
    this.maxTextChars = maxTextChars;
  }

  static void read(Document doc, ItemSink sink, ExtractionBudget budget, int maxDepth, int maxTextChars) {
    new MicrodataReader(doc, budget, maxDepth, maxTextChars).read(sink);
  }

  private void read(ItemSink sink) {
    List<Element> scopes = doc.select("[itemscope]");
    if (scopes.isEmpty()) {
      return;
    }
    Set<Element> enclosed = enclosedScopes();
    Map<Element, MarkupItem> top = new IdentityHashMap<>();
    for (Element scope : scopes) {
      if (!scope.hasAttr("itemprop") && budget.newItem()) {
        top.put(scope, item(scope, 0, new ArrayList<>()));
      }
    }
    // An item with itemprop outside every other item, that no itemref took in, belongs to nothing:
    // a broken page's orphan. It is kept as a top-level item.
    for (Element scope : scopes) {
      if (scope.hasAttr("itemprop") && !enclosed.contains(scope) && !nested.contains(scope) && budget.newItem()) {
        top.put(scope, item(scope, 0, new ArrayList<>()));
      }
    }
    for (Element scope : scopes) { // document order
      MarkupItem item = top.get(scope);
      if (item != null && !nested.contains(scope) && !item.isEmpty()) {
        sink.add("microdata", item.toJson(), null);
      }
    }
  }

  /** The items that have an item around them, in one pass over the tree. */
  private Set<Element> enclosedScopes() {
    Set<Element> enclosed = Collections.newSetFromMap(new IdentityHashMap<>());
    int[] open = {0};
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof Element e && e.hasAttr("itemscope")) {
          if (open[0] > 0) {
            enclosed.add(e);
          }
          open[0]++;
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && e.hasAttr("itemscope")) {
          open[0]--;
        }
      }
    }, doc);
    return enclosed;
  }

  /** @param path the items being read around this one, to cut itemref cycles */
  private MarkupItem item(Element scope, int depth, List<Element> path) {
    MarkupItem item = new MarkupItem(types(scope), itemId(scope));
    path.add(scope);
    for (Element prop : properties(scope, path)) {
      if (!budget.spend(1)) {
        break;
      }
      Object value = value(prop, depth, path);
      if (value == null) {
        continue;
      }
      for (String name : prop.attr("itemprop").strip().split("\\s+")) {
        if (!name.isEmpty()) {
          item.add(ItemJson.shortName(name), value);
        }
      }
    }
    path.remove(path.size() - 1);
    return item;
  }

  private static List<String> types(Element scope) {
    List<String> types = new ArrayList<>(1);
    for (String t : scope.attr("itemtype").strip().split("\\s+")) {
      if (!t.isEmpty()) {
        types.add(ItemJson.shortName(t));
      }
    }
    return types;
  }

  private static String itemId(Element scope) {
    if (!scope.hasAttr("itemid") || scope.attr("itemid").isBlank()) {
      return null;
    }
    String abs = scope.absUrl("itemid");
    return abs.isEmpty() ? scope.attr("itemid").strip() : abs;
  }

  /**
   * The item's property elements: its descendants with {@code itemprop} that no nested item
   * encloses, in tree order, then those found through {@code itemref}. Iterative: depth of the
   * tree costs no stack.
   */
  private List<Element> properties(Element scope, List<Element> path) {
    List<Element> found = new ArrayList<>();
    Set<Element> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    crawl(scope.children(), found, seen);
    String refs = scope.attr("itemref").strip();
    if (!refs.isEmpty()) {
      for (String ref : refs.split("\\s+")) {
        Element target = byId(ref);
        if (target == null || path.contains(target)) {
          continue; // no such element, or an item being read around this one: a cycle
        }
        if (target.hasAttr("itemscope") && !target.hasAttr("itemprop")) {
          crawl(target.children(), found, seen);
        } else {
          crawl(List.of(target), found, seen);
        }
      }
    }
    return found;
  }

  private void crawl(List<Element> roots, List<Element> found, Set<Element> seen) {
    Deque<Element> pending = new ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      pending.push(roots.get(i));
    }
    while (!pending.isEmpty()) {
      Element e = pending.pop();
      if (!budget.spend(1)) {
        return;
      }
      if (!seen.add(e)) {
        continue;
      }
      if (e.hasAttr("itemprop")) {
        found.add(e);
      }
      if (!e.hasAttr("itemscope")) {
        List<Element> children = e.children();
        for (int i = children.size() - 1; i >= 0; i--) {
          pending.push(children.get(i));
        }
      }
    }
  }

  private Element byId(String id) {
    if (ids == null) {
      ids = new HashMap<>();
      for (Element e : doc.select("[id]")) {
        ids.putIfAbsent(e.id(), e);
      }
    }
    return ids.get(id);
  }

  /** A property's value: a nested item, a URL, an attribute or the text; null to leave it out. */
  private Object value(Element prop, int depth, List<Element> path) {
    if (prop.hasAttr("itemscope")) {
      nested.add(prop);
      if (depth + 1 > maxDepth || path.contains(prop) || !budget.newItem()) {
        return null;
      }
      return item(prop, depth + 1, path);
    }
    String tag = prop.normalName();
    if (tag.equals("meta")) {
      return prop.attr("content").strip();
    }
    if (SRC_ELEMENTS.contains(tag)) {
      return url(prop, "src");
    }
    if (HREF_ELEMENTS.contains(tag)) {
      return url(prop, "href");
    }
    if (tag.equals("object")) {
      return url(prop, "data");
    }
    if ((tag.equals("data") || tag.equals("meter")) && prop.hasAttr("value")) {
      return prop.attr("value").strip();
    }
    if (tag.equals("time") && prop.hasAttr("datetime")) {
      return prop.attr("datetime").strip();
    }
    if (prop.hasAttr("content")) {
      return prop.attr("content").strip();
    }
    return budget.text(prop, maxTextChars);
  }

  /** The attribute as an absolute URL; as written when it cannot be made absolute (no base URL). */
  private static String url(Element e, String attr) {
    String key = e.attr(attr).isBlank() && !e.attr("content").isBlank() ? "content" : attr;
    String raw = e.attr(key).strip();
    if (raw.isEmpty()) {
      return "";
    }
    String abs = e.absUrl(key);
    return abs.isEmpty() ? raw : abs;
  }
}

package io.htmllake.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.htmllake.parsers.StructuredItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares extracted items with expected ones, per syntax.
 *
 * <p>Both sides become {@link Node}s: a set of types, an id and property values (strings or nested
 * nodes); schema.org types and property names in short form. For each expected item of a page the
 * most similar unused extracted top-level item of the same syntax is taken (same types first, then
 * same id, then most properties right), or failing that an item nested in one (a page may nest
 * what the expectation lists at the top, e.g. {@code @graph} members linked by {@code @id}). An
 * expected item is
 * <ul>
 *   <li><b>found</b> when such an item shares one of its types (or its id, or at least one property
 *       value);</li>
 *   <li><b>type-right</b> when found and the two sets of types are equal;</li>
 *   <li><b>properties-right</b> when found and every expected property is present with every
 *       expected value among the extracted ones (extra properties and values are allowed). Strings
 *       compare by {@link #normal}: case, punctuation and white space aside, a schema.org IRI as
 *       its short name, numbers as decimals; nested items compare recursively by the same rule
 *       (types equal, expected properties right); an IRI equals an item with that id.</li>
 * </ul>
 * Extracted items matched to nothing are counted as extra. Finer-grained, <b>values</b> is the share
 * of expected property values, at any depth, that the matched extracted item holds: one unwritten
 * property of a nested item fails its whole top-level item above but costs one value here.
 */
public final class StructuredDataScore {

  /** An item in comparable form. */
  public record Node(Set<String> types, String id, Map<String, List<Object>> properties) {

    public Node {
      types = Set.copyOf(types);
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** This node without the properties the filter rejects. */
    Node keeping(java.util.function.Predicate<String> property) {
      Map<String, List<Object>> kept = new LinkedHashMap<>(properties);
      kept.keySet().removeIf(property.negate());
      return new Node(types, id, kept);
    }

    @Override
    public String toString() {
      return (types.isEmpty() ? "(untyped)" : String.join(",", new TreeSet<>(types)))
          + (id == null ? "" : " " + id) + " " + properties.keySet();
    }
  }

  /** Counts for one syntax. */
  public static final class Tally {
    public int expected;
    public int found;
    public int typeRight;
    public int propertiesRight;
    public int extra;
    /**
     * Expected items that failed only on values their own markup does not contain (the example's
     * JSON-LD and markup forms say different things), when the markup was given.
     */
    public int inconsistent;
    /** Expected property values at any depth, and how many of them the extracted items hold. */
    public int values;
    public int valuesRight;
    public final List<String> misses = new ArrayList<>();

    public double valuesShare() {
      return values == 0 ? Double.NaN : (double) valuesRight / values;
    }

    public double foundShare() {
      return share(found);
    }

    public double typeShare() {
      return share(typeRight);
    }

    public double propertiesShare() {
      return share(propertiesRight);
    }

    /** Properties-right among the expected items whose markup holds what the expectation says. */
    public double consistentPropertiesShare() {
      int n = expected - inconsistent;
      return n == 0 ? Double.NaN : (double) propertiesRight / n;
    }

    private double share(int n) {
      return expected == 0 ? Double.NaN : (double) n / expected;
    }
  }

  /** Tallies by syntax, in first-seen order. */
  private final Map<String, Tally> tallies = new LinkedHashMap<>();

  public Map<String, Tally> tallies() {
    return tallies;
  }

  public Tally tally(String syntax) {
    return tallies.computeIfAbsent(syntax, s -> new Tally());
  }

  /**
   * Scores one page's items of one syntax.
   *
   * @param page names the page in the list of misses
   */
  public void score(String page, String syntax, List<Node> expected, List<Node> actual) {
    score(page, syntax, expected, actual, null);
  }

  /**
   * Scores one page's items of one syntax whose markup is known: an expected item that fails only on
   * values (strings, type names) that appear nowhere in the markup is also counted as
   * {@link Tally#inconsistent} — no reader could have extracted them from it.
   */
  public void score(String page, String syntax, List<Node> expected, List<Node> actual, String markup) {
    Tally tally = tally(syntax);
    String markupText = markup == null ? null : normal(markup);
    List<Node> unused = new ArrayList<>(actual);
    List<Node> nested = new ArrayList<>();
    for (Node a : actual) {
      collectNested(a, nested, 0);
    }
    for (Node e : expected) {
      tally.expected++;
      Node best = best(e, unused);
      if (best != null) {
        unused.remove(best);
      } else {
        best = best(e, nested); // an item the page gives inside another one, not at the top
        if (best == null) {
          boolean absent = markupText != null && noneIn(leaves(e, new Node(Set.of(), null, Map.of())), markupText);
          if (absent) {
            tally.inconsistent++;
          }
          tally.misses.add(page + ": not found: " + e + (absent ? " [not in the markup]" : ""));
          tally.values += units(e);
          continue;
        }
        nested.remove(best);
      }
      tally.found++;
      int[] units = valueUnits(e, best, 0);
      tally.valuesRight += units[0];
      tally.values += units[1];
      boolean typeRight = e.types().equals(best.types());
      List<String> wrong = wrongProperties(e, best);
      boolean absent = markupText != null && (!typeRight || !wrong.isEmpty()) && noneIn(leaves(e, best), markupText);
      String note = absent ? " [not in the markup]" : "";
      if (absent) {
        tally.inconsistent++;
      }
      if (typeRight) {
        tally.typeRight++;
      } else {
        tally.misses.add(page + ": type " + best.types() + " instead of " + e.types() + note);
      }
      if (wrong.isEmpty()) {
        tally.propertiesRight++;
      } else {
        tally.misses.add(page + ": " + String.join(",", e.types()) + " properties wrong: " + wrong
            + " expected " + pick(e, wrong) + " got " + pick(best, wrong) + note);
      }
    }
    tally.extra += unused.size();
    for (Node a : unused) {
      tally.misses.add(page + ": extra: " + a);
    }
  }

  /**
   * Counts expected property values, at any depth, that the extracted item holds: a string when an
   * equal value is there; a nested item's values against the most similar nested item there (all
   * of them when an IRI names it).
   *
   * @return {right, total}
   */
  private static int[] valueUnits(Node e, Node a, int depth) {
    int right = 0;
    int total = 0;
    for (Map.Entry<String, List<Object>> p : e.properties().entrySet()) {
      List<Object> actual = a.properties().getOrDefault(p.getKey(), List.of());
      for (Object ev : p.getValue()) {
        if (ev instanceof Node en && !en.properties().isEmpty() && depth < 32) {
          Node match = null;
          int matchScore = -1;
          boolean named = false;
          for (Object av : actual) {
            if (av instanceof Node an && similarity(en, an) > matchScore) {
              match = an;
              matchScore = similarity(en, an);
            } else if (av instanceof String && valueEquals(en, av)) {
              named = true;
            }
          }
          int n = units(en);
          total += n;
          if (match != null) {
            right += valueUnits(en, match, depth + 1)[0];
          } else if (named) {
            right += n;
          }
        } else {
          total++;
          for (Object av : actual) {
            if (valueEquals(ev, av)) {
              right++;
              break;
            }
          }
        }
      }
    }
    return new int[] {right, total};
  }

  /**
   * The expected item's type names and string values, at any depth, that the extracted item holds
   * nowhere (in normal form); empty when the two differ only in shape (a string against an item).
   */
  static Set<String> leaves(Node expected, Node actual) {
    Set<String> have = new java.util.HashSet<>();
    collectLeaves(actual, have, 0);
    Set<String> want = new LinkedHashSet<>();
    collectLeaves(expected, want, 0);
    want.removeAll(have);
    want.remove("");
    return want;
  }

  private static void collectLeaves(Node n, Set<String> out, int depth) {
    if (depth > 32) {
      return;
    }
    for (String t : n.types()) {
      out.add(normal(t));
    }
    if (n.id() != null) {
      out.add(normal(n.id()));
    }
    for (List<Object> values : n.properties().values()) {
      for (Object v : values) {
        if (v instanceof Node child) {
          collectLeaves(child, out, depth + 1);
        } else {
          out.add(normal((String) v));
        }
      }
    }
  }

  /** True when there is something missing and none of it occurs in the markup's text. */
  private static boolean noneIn(Set<String> missing, String markupText) {
    if (missing.isEmpty()) {
      return false;
    }
    for (String m : missing) {
      if (markupText.contains(m)) {
        return false;
      }
    }
    return true;
  }

  private static int units(Node e) {
    int n = 0;
    for (List<Object> values : e.properties().values()) {
      for (Object v : values) {
        n += v instanceof Node nested && !nested.properties().isEmpty() ? units(nested) : 1;
      }
    }
    return n;
  }

  /** The most similar acceptable candidate, or null. */
  private static Node best(Node e, List<Node> candidates) {
    Node best = null;
    int bestScore = -1;
    for (Node a : candidates) {
      int s = similarity(e, a);
      if (s > bestScore && acceptable(e, a)) {
        best = a;
        bestScore = s;
      }
    }
    return best;
  }

  private static void collectNested(Node n, List<Node> out, int depth) {
    if (depth > 64) {
      return;
    }
    for (List<Object> values : n.properties().values()) {
      for (Object v : values) {
        if (v instanceof Node child) {
          out.add(child);
          collectNested(child, out, depth + 1);
        }
      }
    }
  }

  private static Map<String, List<Object>> pick(Node n, List<String> names) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (String name : names) {
      out.put(name, n.properties().get(name));
    }
    return out;
  }

  private static int similarity(Node e, Node a) {
    int s = 0;
    if (!e.types().isEmpty() && e.types().equals(a.types())) {
      s += 10_000;
    } else if (!e.types().isEmpty() && !intersect(e.types(), a.types()).isEmpty()) {
      s += 5_000;
    }
    if (e.id() != null && Objects.equals(normal(e.id()), a.id() == null ? null : normal(a.id()))) {
      s += 2_000;
    }
    for (Map.Entry<String, List<Object>> p : e.properties().entrySet()) {
      List<Object> values = a.properties().get(p.getKey());
      if (values != null) {
        s += 1;
        if (valuesRight(p.getValue(), values)) {
          s += 10;
        }
      }
    }
    return s;
  }

  private static boolean acceptable(Node e, Node a) {
    if (!e.types().isEmpty() && !intersect(e.types(), a.types()).isEmpty()) {
      return true;
    }
    if (e.id() != null && !e.id().startsWith("_:") && a.id() != null && normal(e.id()).equals(normal(a.id()))) {
      return true;
    }
    for (Map.Entry<String, List<Object>> p : e.properties().entrySet()) {
      List<Object> values = a.properties().get(p.getKey());
      if (values != null && valuesRight(p.getValue(), values)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    out.retainAll(b);
    return out;
  }

  /** Names of expected properties that are missing or lack an expected value. */
  static List<String> wrongProperties(Node e, Node a) {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, List<Object>> p : e.properties().entrySet()) {
      List<Object> values = a.properties().get(p.getKey());
      if (values == null || !valuesRight(p.getValue(), values)) {
        wrong.add(p.getKey());
      }
    }
    return wrong;
  }

  private static boolean valuesRight(List<Object> expected, List<Object> actual) {
    for (Object e : expected) {
      boolean any = false;
      for (Object a : actual) {
        if (valueEquals(e, a)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static boolean valueEquals(Object e, Object a) {
    if (e instanceof String es) {
      if (a instanceof String as) {
        return normal(es).equals(normal(as));
      }
      Node an = (Node) a;
      return an.id() != null && normal(es).equals(normal(an.id()));
    }
    Node en = (Node) e;
    if (a instanceof String as) {
      return en.id() != null && !en.id().startsWith("_:") && normal(en.id()).equals(normal(as));
    }
    Node an = (Node) a;
    if (en.types().isEmpty() && en.properties().isEmpty()) {
      return en.id() == null || (an.id() != null && normal(en.id()).equals(normal(an.id())));
    }
    return (en.types().isEmpty() || en.types().equals(an.types())) && wrongProperties(en, an).isEmpty();
  }

  /**
   * A string value in comparable form: a schema.org IRI in short form, a number as a plain decimal,
   * anything else in lower case with only its letters and digits, single-spaced.
   */
  static String normal(String value) {
    String s = io.htmllake.parsers.Whitespace.squash(value);
    String lower = s.toLowerCase(Locale.ROOT);
    for (String prefix : new String[] {"https://schema.org/", "http://schema.org/"}) {
      if (lower.startsWith(prefix)) {
        lower = lower.substring(prefix.length());
        break;
      }
    }
    if (lower.startsWith("_:")) {
      return "_:";
    }
    if (!lower.isEmpty() && lower.length() < 40 && (Character.isDigit(lower.charAt(0)) || lower.charAt(0) == '-' || lower.charAt(0) == '.')) {
      try {
        return new BigDecimal(lower).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException notANumber) {
        // compared as text
      }
    }
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); ) {
      int c = lower.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c)) {
        out.appendCodePoint(c);
      } else if (c == ' ' && out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
        out.append(' ');
      }
    }
    return out.toString().strip();
  }

  // ---- Conversions to Node ----

  /** A schema.org short name for an IRI of schema.org; other IRIs unchanged. */
  static String shortName(String iri) {
    String s = iri.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    for (String prefix : new String[] {"https://schema.org/", "http://schema.org/", "schema:"}) {
      if (lower.startsWith(prefix) && s.length() > prefix.length()) {
        return s.substring(prefix.length());
      }
    }
    return s;
  }

  /** A JSON-LD object (compact form, as written on pages or extracted). */
  public static Node fromJsonLd(JsonNode item) {
    Set<String> types = new LinkedHashSet<>();
    for (JsonNode t : asList(item.get("@type"))) {
      if (t.isTextual()) {
        types.add(shortName(t.textValue()));
      }
    }
    JsonNode id = item.get("@id");
    Map<String, List<Object>> properties = new LinkedHashMap<>();
    item.fields().forEachRemaining(f -> {
      if (f.getKey().startsWith("@")) {
        return;
      }
      List<Object> values = new ArrayList<>();
      for (JsonNode v : asList(f.getValue())) {
        Object value = jsonLdValue(v);
        if (value != null) {
          values.add(value);
        }
      }
      if (!values.isEmpty()) {
        properties.computeIfAbsent(shortName(f.getKey()), k -> new ArrayList<>()).addAll(values);
      }
    });
    return new Node(types, id != null && id.isTextual() ? id.textValue() : null, properties);
  }

  private static Object jsonLdValue(JsonNode v) {
    if (v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isObject()) {
      if (v.has("@value")) {
        return v.get("@value").isNull() ? null : scalar(v.get("@value"));
      }
      if (v.size() == 1 && v.has("@id") && v.get("@id").isTextual()) {
        return v.get("@id").textValue();
      }
      return fromJsonLd(v);
    }
    if (v.isArray()) {
      return null; // arrays of arrays: not JSON-LD
    }
    return scalar(v);
  }

  private static String scalar(JsonNode v) {
    return v.isTextual() ? v.textValue() : v.toString();
  }

  private static List<JsonNode> asList(JsonNode v) {
    List<JsonNode> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(out::add);
    } else {
      out.add(v);
    }
    return out;
  }

  /** An item of extruct's microdata output: {@code {type, id, properties}}, strict (lists) or not. */
  public static Node fromExtructMicrodata(JsonNode item) {
    Set<String> types = new LinkedHashSet<>();
    for (JsonNode t : asList(item.get("type"))) {
      types.add(shortName(t.asText()));
    }
    JsonNode id = item.get("id");
    Map<String, List<Object>> properties = new LinkedHashMap<>();
    JsonNode props = item.get("properties");
    if (props != null) {
      props.fields().forEachRemaining(f -> {
        List<Object> values = new ArrayList<>();
        for (JsonNode v : asList(f.getValue())) {
          if (v.isObject() && (v.has("properties") || v.has("type"))) {
            values.add(fromExtructMicrodata(v));
          } else if (v.isObject() && v.has("value")) {
            values.add(scalar(v.get("value")));
          } else if (!v.isNull() && !v.isObject()) {
            values.add(scalar(v));
          }
        }
        properties.computeIfAbsent(shortName(f.getKey()), k -> new ArrayList<>()).addAll(values);
      });
    }
    return new Node(types, id == null ? null : id.asText(), properties);
  }

  /**
   * extruct's OpenGraph output ({@code {namespace, properties: [[name, value], ...]}}), its
   * properties of the ogp.me vocabularies only: extruct also lists {@code <meta property>} tags of
   * any other prefix a page declares, which htmllake reads as RDFa about the page.
   */
  public static Node fromExtructOpenGraph(JsonNode item) {
    Map<String, List<Object>> properties = new LinkedHashMap<>();
    for (JsonNode pair : item.path("properties")) {
      String name = pair.get(0).asText().toLowerCase(Locale.ROOT);
      String namespace = item.path("namespace").path(name.substring(0, Math.max(0, name.indexOf(':')))).asText("");
      if (name.startsWith("og:") || name.startsWith("fb:") || namespace.matches("https?://ogp\\.me/ns.*")) {
        properties.computeIfAbsent(name, k -> new ArrayList<>()).add(pair.get(1).asText());
      }
    }
    return new Node(Set.of(), null, properties);
  }

  /** An extracted OpenGraph / Twitter item: its JSON without the context. */
  public static Node fromMetaTagItem(JsonNode item) {
    Map<String, List<Object>> properties = new LinkedHashMap<>();
    item.fields().forEachRemaining(f -> {
      if (!f.getKey().startsWith("@")) {
        for (JsonNode v : asList(f.getValue())) {
          properties.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(scalar(v));
        }
      }
    });
    return new Node(Set.of(), null, properties);
  }

  /**
   * Nodes of an expanded, flattened JSON-LD graph (pyRdfa's output as extruct gives it), without
   * the properties RDFa processors add about the page ({@code rdfa:usesVocabulary}), those of the
   * OpenGraph / Facebook / Twitter {@code <meta>} tags (scored as OpenGraph), and those named by a
   * CURIE whose prefix the page never declares ({@code al:ios:url}: pyRdfa keeps it as an IRI of
   * scheme "al", htmllake drops it); nodes left with neither type nor property are dropped.
   */
  public static List<Node> fromExpandedGraph(JsonNode graph) {
    List<Node> out = new ArrayList<>();
    for (JsonNode n : graph) {
      Node node = fromJsonLd(n).keeping(k -> !isPageMetaProperty(k));
      if (!node.types().isEmpty() || !node.properties().isEmpty()) {
        out.add(node);
      }
    }
    return out;
  }

  /**
   * Drops properties that RDFa processors add about the page ({@code rdfa:usesVocabulary}), which
   * some schema.org JSON-LD forms were converted with; returns null when nothing is left.
   */
  public static Node withoutRdfaVocabulary(Node n) {
    Node kept = n.keeping(k -> !k.startsWith("rdfa:") && !k.startsWith("http://www.w3.org/ns/rdfa#"));
    return kept.types().isEmpty() && kept.properties().isEmpty() ? null : kept;
  }

  private static boolean isPageMetaProperty(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://www.w3.org/ns/rdfa#") || lower.startsWith("http://ogp.me/ns")
        || lower.startsWith("https://ogp.me/ns") || lower.startsWith("http://www.facebook.com/2008/fbml")
        || lower.startsWith("https://www.facebook.com/2008/fbml") || lower.startsWith("twitter:")
        || lower.startsWith("fb:") || lower.startsWith("og:") || lower.startsWith("al:");
  }

  /**
   * Flattens nested items into a list of nodes, as an expanded graph holds them: a nested item is
   * replaced by its id (or a blank node) in its parent and listed itself.
   */
  public static List<Node> flatten(List<Node> nodes) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      flattenInto(n, out, 0);
    }
    return out;
  }

  private static String flattenInto(Node n, List<Node> out, int depth) {
    Map<String, List<Object>> properties = new LinkedHashMap<>();
    int index = out.size();
    out.add(null);
    for (Map.Entry<String, List<Object>> p : n.properties().entrySet()) {
      List<Object> values = new ArrayList<>();
      for (Object v : p.getValue()) {
        values.add(v instanceof Node nested && depth < 64 ? flattenInto(nested, out, depth + 1) : v);
      }
      properties.put(p.getKey(), values);
    }
    out.set(index, new Node(n.types(), n.id(), properties));
    return n.id() != null ? n.id() : "_:";
  }

  /** The extracted items of one syntax, as nodes. */
  public static List<Node> nodes(List<StructuredItem> items, String syntax, java.util.function.Function<String, JsonNode> parse) {
    List<Node> out = new ArrayList<>();
    for (StructuredItem item : items) {
      if (item.syntax().equals(syntax)) {
        JsonNode json = parse.apply(item.json());
        out.add(syntax.equals("opengraph") || syntax.equals("twitter") ? fromMetaTagItem(json) : fromJsonLd(json));
      }
    }
    return out;
  }
}

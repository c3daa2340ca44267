package io.htmllake.parsers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * RDFa Lite 1.1 ({@code vocab}, {@code prefix}, {@code typeof}, {@code property}, {@code resource})
 * read into nested items, plus the parts of RDFa Core that schema.org examples and CMSs use:
 * {@code about}, {@code content}, {@code href}/{@code src} as IRI values, {@code xmlns:} prefixes,
 * the RDFa initial context's prefixes, and {@code rel} where it links to a typed item or names a
 * CURIE. Not a full RDFa processor: no {@code rev}, no datatypes, no XML literals, no incomplete
 * triples beyond {@code rel} + {@code typeof}.
 *
 * <p>An element with {@code typeof} starts an item; with {@code property} (or {@code rel}) it is the
 * value of that property of the enclosing item, otherwise a top-level item. An element with
 * {@code about}, or with {@code resource} but no property, starts a top-level subject; subjects with
 * the same IRI are one item. Properties outside any item belong to the page itself (an item whose id
 * is the base URL). OpenGraph, Facebook and Twitter {@code <meta property>} tags are left to the
 * OpenGraph and Twitter items.
 */
final class RdfaReader {

  private static final Map<String, String> INITIAL_PREFIXES = Map.ofEntries(
      Map.entry("schema", "http://schema.org/"),
      Map.entry("dc", "http://purl.org/dc/terms/"),
      Map.entry("dcterms", "http://purl.org/dc/terms/"),
      Map.entry("dc11", "http://purl.org/dc/elements/1.1/"),
      Map.entry("foaf", "http://xmlns.com/foaf/0.1/"),
      Map.entry("og", "http://ogp.me/ns#"),
      Map.entry("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
      Map.entry("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
      Map.entry("owl", "http://www.w3.org/2002/07/owl#"),
      Map.entry("xsd", "http://www.w3.org/2001/XMLSchema#"),
      Map.entry("skos", "http://www.w3.org/2004/02/skos/core#"),
      Map.entry("sioc", "http://rdfs.org/sioc/ns#"),
      Map.entry("gr", "http://purl.org/goodrelations/v1#"),
      Map.entry("v", "http://rdf.data-vocabulary.org/#"),
      Map.entry("vcard", "http://www.w3.org/2006/vcard/ns#"),
      Map.entry("cc", "http://creativecommons.org/ns#"),
      Map.entry("ical", "http://www.w3.org/2002/12/cal/icaltzd#"),
      Map.entry("rev", "http://purl.org/stuff/rev#"),
      Map.entry("prov", "http://www.w3.org/ns/prov#"),
      Map.entry("xhv", "http://www.w3.org/1999/xhtml/vocab#"));

  /** Prefixes whose {@code <meta property>} tags make the OpenGraph and Twitter items, not RDFa ones. */
  static final Set<String> META_TAG_PREFIXES = Set.of("og", "fb", "article", "book", "books", "profile", "product",
      "music", "video", "business", "place", "restaurant", "game", "fitness", "twitter");

  private static final String SCHEMA_ORG_VOCAB = "https://schema.org/";

  private final Document doc;
  private final ExtractionBudget budget;
  private final int maxDepth;
  private final int maxTextChars;
  private final List<MarkupItem> top = new ArrayList<>();
  private final Map<String, MarkupItem> topById = new HashMap<>();
  private MarkupItem page;

  private RdfaReader(Document doc, ExtractionBudget budget, int maxDepth, int maxTextChars) {
    this.doc = doc;
    this.budget = budget;
    this.maxDepth = maxDepth;
    this.maxTextChars = maxTextChars;
  }

  static void read(Document doc, ItemSink sink, ExtractionBudget budget, int maxDepth, int maxTextChars) {
    if (doc.selectFirst("[property], [typeof], [vocab]") == null) {
      return;
    }
    RdfaReader reader = new RdfaReader(doc, budget, maxDepth, maxTextChars);
    reader.walk();
    for (MarkupItem item : reader.top) {
      if (!item.properties.isEmpty() || !item.types.isEmpty()) {
        sink.add("rdfa", item.toJson(), null);
      }
    }
  }

  /** What an element passes to its children. */
  private record Context(String vocab, Map<String, String> prefixes, MarkupItem subject, int depth) {}

  private void walk() {
    Deque<Element> elements = new ArrayDeque<>();
    Deque<Context> contexts = new ArrayDeque<>();
    if (doc.children().isEmpty()) {
      return;
    }
    elements.push(doc.child(0));
    contexts.push(new Context(null, INITIAL_PREFIXES, null, 0));
    while (!elements.isEmpty()) {
      Element e = elements.pop();
      Context parent = contexts.pop();
      if (!budget.spend(1)) {
        return;
      }
      Context child = visit(e, parent);
      List<Element> children = e.children();
      for (int i = children.size() - 1; i >= 0; i--) {
        elements.push(children.get(i));
        contexts.push(child);
      }
    }
  }

  private Context visit(Element e, Context parent) {
    String vocab = parent.vocab();
    if (e.hasAttr("vocab")) {
      String v = e.attr("vocab").strip();
      vocab = v.isEmpty() ? null : schemaOrgVocab(v);
    }
    Map<String, String> prefixes = prefixes(e, parent.prefixes());
    boolean rdfaAttrs = e.hasAttr("property") || e.hasAttr("typeof") || e.hasAttr("about")
        || e.hasAttr("resource") || e.hasAttr("rel");
    if (!rdfaAttrs) {
      return vocab == parent.vocab() && prefixes == parent.prefixes() ? parent
          : new Context(vocab, prefixes, parent.subject(), parent.depth());
    }
    // Inside an item, a term with no vocabulary in effect is read as schema.org's: snippets and
    // pages that forget vocab="https://schema.org/" mean nothing else by typeof="Product".
    String termVocab = vocab == null && parent.subject() != null ? SCHEMA_ORG_VOCAB : vocab;
    List<String> properties = terms(e.attr("property"), termVocab, prefixes, Term.PROPERTY);
    List<String> rels = rels(e, termVocab, prefixes);
    String about = e.hasAttr("about") ? iri(e, "about", prefixes) : null;
    String resource = e.hasAttr("resource") ? iri(e, "resource", prefixes) : null;
    boolean literal = e.hasAttr("content") || e.hasAttr("datatype");
    MarkupItem subject = parent.subject();
    int depth = parent.depth();

    if (e.hasAttr("typeof") && depth < maxDepth && budget.newItem()) {
      List<String> types = terms(e.attr("typeof"), vocab == null ? SCHEMA_ORG_VOCAB : vocab, prefixes, Term.TYPE);
      String id = about != null ? about : resource != null ? resource : linkTarget(e);
      MarkupItem item;
      List<String> links = !rels.isEmpty() ? rels : literal ? List.of() : properties;
      if (about == null && !links.isEmpty()) {
        item = new MarkupItem(types, id);
        MarkupItem owner = subject != null ? subject : page();
        for (String p : links) {
          owner.add(p, item);
        }
        if (links == rels) {
          addLiterals(e, owner, properties, true);
        }
      } else {
        // No link to the enclosing item: its own subject, which a literal property describes.
        item = topLevel(id);
        item.types.addAll(types);
        addLiterals(e, item, properties);
      }
      return new Context(vocab, prefixes, item, depth + 1);
    }
    if (about != null) {
      MarkupItem item = topLevel(about);
      addLiterals(e, item, properties);
      return new Context(vocab, prefixes, item, depth);
    }
    if (resource != null && properties.isEmpty() && rels.isEmpty()) {
      return new Context(vocab, prefixes, topLevel(resource), depth);
    }
    MarkupItem owner = subject;
    if (!properties.isEmpty() || !rels.isEmpty()) {
      owner = subject != null ? subject : page();
    }
    if (!rels.isEmpty()) {
      String target = resource != null ? resource : linkTarget(e);
      if (target == null && depth < maxDepth && budget.newItem()) {
        // A "hanging" rel: the children describe a new, unnamed item, its value.
        MarkupItem item = new MarkupItem(List.of(), null);
        for (String r : rels) {
          owner.add(r, item);
        }
        addLiterals(e, owner, properties);
        return new Context(vocab, prefixes, item, depth + 1);
      }
      if (target != null) {
        for (String r : rels) {
          owner.add(r, target);
        }
      }
      addLiterals(e, owner, properties, true);
    } else {
      addLiterals(e, owner, properties);
    }
    return vocab == parent.vocab() && prefixes == parent.prefixes() ? parent
        : new Context(vocab, prefixes, parent.subject(), parent.depth());
  }

  private void addLiterals(Element e, MarkupItem owner, List<String> properties) {
    addLiterals(e, owner, properties, false);
  }

  /**
   * A property's value: {@code content}; else, unless the element has a {@code datatype} or its
   * link is taken by {@code rel}, its {@code resource}, {@code href} or {@code src} IRI; else a
   * {@code time}'s {@code datetime}; else its text.
   */
  private void addLiterals(Element e, MarkupItem owner, List<String> properties, boolean linkTaken) {
    if (properties.isEmpty() || !budget.spend(1)) {
      return;
    }
    String value;
    String link = linkTaken || e.hasAttr("datatype") ? null
        : e.hasAttr("resource") ? iri(e, "resource", Map.of()) : linkTarget(e);
    if (e.hasAttr("content")) {
      value = e.attr("content").strip();
    } else if (link != null) {
      value = link;
    } else if (e.normalName().equals("time") && e.hasAttr("datetime")) {
      value = e.attr("datetime").strip();
    } else {
      value = budget.text(e, maxTextChars);
    }
    for (String p : properties) {
      owner.add(p, value);
    }
  }

  /** The item for a top-level subject: one per IRI, a new one for a blank subject. */
  private MarkupItem topLevel(String id) {
    if (id != null) {
      MarkupItem known = topById.get(id);
      if (known != null) {
        return known;
      }
    }
    MarkupItem item = new MarkupItem(List.of(), id);
    top.add(item);
    if (id != null) {
      topById.put(id, item);
    }
    return item;
  }

  /** The page as a subject (RDFa's default subject), created when a property first needs it. */
  private MarkupItem page() {
    if (page == null) {
      String base = doc.baseUri();
      page = topLevel(base == null || base.isBlank() ? null : base);
    }
    return page;
  }

  private static String linkTarget(Element e) {
    for (String attr : new String[] {"href", "src"}) {
      if (e.hasAttr(attr) && !e.attr(attr).isBlank()) {
        String abs = e.absUrl(attr);
        return abs.isEmpty() ? e.attr(attr).strip() : abs;
      }
    }
    return null;
  }

  /**
   * rel counts only where it is clearly RDFa: beside typeof (and no property), or naming CURIEs of
   * known prefixes. HTML link types ({@code stylesheet}, {@code nofollow}) and the absolute URLs
   * HTML allows as extension types ({@code rel="https://api.w.org/"}) are not properties.
   */
  private List<String> rels(Element e, String vocab, Map<String, String> prefixes) {
    String rel = e.attr("rel").strip();
    if (rel.isEmpty()) {
      return List.of();
    }
    if (e.hasAttr("typeof") && !e.hasAttr("property")) {
      return terms(rel, vocab, prefixes, Term.LINK);
    }
    List<String> out = new ArrayList<>(1);
    for (String token : rel.split("\\s+")) {
      if (token.indexOf(':') > 0) {
        out.addAll(terms(token, vocab, prefixes, Term.LINK));
      }
    }
    return out;
  }

  /** What an attribute's tokens name. */
  private enum Term { TYPE, PROPERTY, LINK }

  /**
   * Expands type, property or rel tokens: a term against the vocabulary, a CURIE against the
   * prefixes, an absolute IRI as it is; schema.org IRIs in short form. Types are kept as written
   * when they cannot be expanded. Properties and links are dropped when they cannot: a term with no
   * vocabulary, a CURIE whose prefix the page never declares ({@code cXenseParse:author},
   * {@code al:ios:url}); and so are those of the OpenGraph / Twitter prefixes, which make the
   * OpenGraph and Twitter items. A link must be a CURIE (see {@link #rels}).
   */
  private static List<String> terms(String attr, String vocab, Map<String, String> prefixes, Term kind) {
    String value = attr.strip();
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(1);
    for (String token : value.split("\\s+")) {
      int colon = token.indexOf(':');
      String expanded;
      if (colon < 0) {
        expanded = vocab != null ? vocab + token : kind == Term.TYPE ? token : null;
      } else {
        String prefix = token.substring(0, colon).toLowerCase(Locale.ROOT);
        String reference = token.substring(colon + 1);
        if (kind != Term.TYPE && META_TAG_PREFIXES.contains(prefix)) {
          continue;
        }
        if (reference.startsWith("//")) {
          expanded = kind == Term.LINK ? null : token; // an absolute IRI
        } else if (prefixes.containsKey(prefix)) {
          expanded = prefixes.get(prefix) + reference;
        } else {
          expanded = kind == Term.TYPE ? token : null;
        }
        if (kind != Term.TYPE && expanded != null
            && (expanded.startsWith("http://ogp.me/ns") || expanded.startsWith("https://ogp.me/ns"))) {
          continue;
        }
      }
      if (expanded != null && !expanded.isEmpty()) {
        out.add(ItemJson.shortName(expanded));
      }
    }
    return out;
  }

  /** {@code about} / {@code resource}: a safe CURIE {@code [p:x]}, a blank node, or a URL made absolute. */
  private static String iri(Element e, String attr, Map<String, String> prefixes) {
    String value = e.attr(attr).strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      String curie = value.substring(1, value.length() - 1);
      int colon = curie.indexOf(':');
      if (colon > 0 && prefixes.containsKey(curie.substring(0, colon))) {
        return prefixes.get(curie.substring(0, colon)) + curie.substring(colon + 1);
      }
      return curie.isEmpty() ? null : curie;
    }
    if (value.startsWith("_:")) {
      return value;
    }
    String abs = e.absUrl(attr);
    return abs.isEmpty() ? value : abs;
  }

  private static Map<String, String> prefixes(Element e, Map<String, String> inherited) {
    Map<String, String> out = null;
    for (Attribute a : e.attributes()) {
      if (a.getKey().startsWith("xmlns:") && a.getKey().length() > 6) {
        out = out == null ? new LinkedHashMap<>(inherited) : out;
        out.put(a.getKey().substring(6).toLowerCase(Locale.ROOT), schemaOrgVocab(a.getValue().strip()));
      }
    }
    String declared = e.attr("prefix").strip();
    if (!declared.isEmpty()) {
      String[] tokens = declared.split("\\s+");
      for (int i = 0; i + 1 < tokens.length; i++) {
        if (tokens[i].endsWith(":") && tokens[i].length() > 1) {
          out = out == null ? new LinkedHashMap<>(inherited) : out;
          out.put(tokens[i].substring(0, tokens[i].length() - 1).toLowerCase(Locale.ROOT), schemaOrgVocab(tokens[i + 1]));
          i++;
        }
      }
    }
    return out == null ? inherited : out;
  }

  /** Every spelling of the schema.org vocabulary becomes {@code https://schema.org/}, so its terms shorten. */
  private static String schemaOrgVocab(String vocab) {
    String lower = vocab.toLowerCase(Locale.ROOT);
    if (lower.matches("https?://(www\\.)?schema\\.org/?")) {
      return SCHEMA_ORG_VOCAB;
    }
    return vocab;
  }
}

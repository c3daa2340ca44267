package io.htmllake.parsers;

import java.util.List;
import java.util.Objects;
import org.jsoup.nodes.Document;

/**
 * The structured data items of a page: JSON-LD, microdata, RDFa (Lite), OpenGraph and Twitter
 * cards, one {@link StructuredItem} per top-level item, in that order of syntax and in page order
 * within a syntax.
 *
 * <p><b>Top-level items.</b> JSON-LD: each object of a script, each object of a script's array,
 * each member of an {@code @graph} (which takes the graph's {@code @context}); scalars, nulls,
 * {@code {}} are not items. Microdata: each {@code itemscope} that is no other item's property
 * value. RDFa: each {@code typeof} that is no property value, each {@code about} / {@code resource}
 * subject, and the page itself when properties sit outside any item (see {@link RdfaReader}).
 * OpenGraph: one item per page with all its ogp.me tags; Twitter: one item with all its
 * {@code twitter:*} tags.
 *
 * <p><b>Normalised JSON</b> ({@link StructuredItem#json()}): compact, object keys sorted by code
 * point at every level (so {@code @context}, {@code @id}, {@code @type} come first); schema.org
 * types ({@code @type} values) and property names in short form ({@code http://schema.org/Product}
 * → {@code Product}); other vocabularies' IRIs as they are. A property with one value is written as
 * that value, with several as an array in page order (one rule for every syntax: a JSON-LD
 * one-element array is unwrapped too). Nested items (offers, aggregateRating, address, geo, brand,
 * ...) stay nested objects with their {@code @type}. The top item has
 * {@code "@context": "https://schema.org"} when its own context is any spelling of schema.org or is
 * absent; another context (an object, another vocabulary) is kept as written. JSON-LD numbers,
 * booleans and nulls are kept as written (decimals exactly); microdata and RDFa values are strings:
 * URLs ({@code href}, {@code src}, {@code itemid}, {@code resource}) made absolute against the
 * document's base URI when they can be, text with white space collapsed.
 *
 * <p><b>OpenGraph and Twitter items</b> are not schema.org: their JSON has the tag names as keys
 * ({@code "og:title"}), the OpenGraph one with an {@code @context} mapping the prefixes used to the
 * ogp.me namespaces, the Twitter one without a context. Their {@code itemType} is the page's
 * {@code og:type} (e.g. {@code article}) or {@code twitter:card} (e.g. {@code summary}); the
 * OpenGraph {@code itemId} is {@code og:url}.
 *
 * <p><b>Bounds</b> (hostile pages cost bounded time and memory): at most {@link #MAX_ITEMS} items and
 * {@link #MAX_JSON_CHARS} characters of JSON a page (an item that does not fit is left out, smaller
 * ones after it are kept); at most {@link #MAX_JSON_LD_SOURCE_CHARS} characters of JSON-LD source
 * read, nested at most {@link JsonLdReader#MAX_JSON_DEPTH} deep; microdata and RDFa items nested at
 * most {@link #MAX_ITEM_DEPTH} deep (deeper items are left out), text values cut at
 * {@link #MAX_TEXT_CHARS}; and, for microdata and RDFa together, {@link #MAX_WORK} units of work
 * (element visits, values), {@link #MAX_MARKUP_ITEMS} items (nested ones included) and
 * {@link #MAX_MARKUP_TEXT_CHARS} characters of text, after which they keep what they have.
 * Traversals are iterative, so document depth costs no stack.
 */
public final class StructuredDataExtractor {

  public static final int MAX_ITEMS = 1_000;
  public static final int MAX_JSON_CHARS = 1 << 20;
  public static final int MAX_JSON_LD_SOURCE_CHARS = 2 << 20;
  public static final int MAX_ITEM_DEPTH = 32;
  public static final int MAX_TEXT_CHARS = 64 << 10;
  public static final long MAX_WORK = 5_000_000;
  public static final int MAX_MARKUP_ITEMS = 10_000;
  public static final long MAX_MARKUP_TEXT_CHARS = MAX_JSON_CHARS / 2;
  static final int MAX_META_TAGS = 1_000;

  private StructuredDataExtractor() {}

  /**
   * @param doc a parsed document, its base URI set to the page URL (relative URLs stay relative
   *     when it has none)
   */
  public static List<StructuredItem> extract(Document doc) {
    Objects.requireNonNull(doc, "doc");
    ItemSink sink = new ItemSink(MAX_ITEMS, MAX_JSON_CHARS);
    ExtractionBudget budget = new ExtractionBudget(MAX_WORK, MAX_MARKUP_ITEMS, MAX_MARKUP_TEXT_CHARS);
    JsonLdReader.read(doc, sink, MAX_JSON_LD_SOURCE_CHARS);
    MicrodataReader.read(doc, sink, budget, MAX_ITEM_DEPTH, MAX_TEXT_CHARS);
    RdfaReader.read(doc, sink, budget, MAX_ITEM_DEPTH, MAX_TEXT_CHARS);
    MetaTagReader.read(doc, sink, MAX_META_TAGS, MAX_TEXT_CHARS);
    return sink.items();
  }
}

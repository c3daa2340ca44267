package io.htmllake.parsers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * The offer a product page shows in its HTML, for {@link OfferExtractor#fromHtml}: microdata
 * {@code itemprop} values, then {@code product:price:*} / {@code og:price:*} meta tags, then the most
 * prominent element that says "price" in its class or id. Deterministic; bounded by
 * {@value #MAX_ELEMENTS} elements a page.
 */
final class HtmlOffer {

  static final int MAX_ELEMENTS = 60_000;
  /** About a thousand elements from the h1 with no currency in the text. */
  static final double MIN_SCORE = -6;

  private static final Pattern PRICE_NAME = Pattern.compile(
      "price|preis|prix|precio|prezzo|preco|pre[cç]o|cena|cijena|hinta|fiyat|harga|цена|ціна|kaina", Pattern.CASE_INSENSITIVE);
  /** Prices that are not what the buyer pays now: struck, former, per unit, shipping, savings, filters. */
  private static final Pattern NOT_THE_PRICE = Pattern.compile(
      "old|was|strike|regular|list|compare|original|before|rrp|msrp|uvp|crossed|sav(e|ing)|discount|percent|ship|deliver"
          + "|instal|monthly|per-?unit|unit-?price|base-?price|filter|range|slider-?(min|max)|tax|vat|label|title|currency|symbol",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PREFERRED = Pattern.compile(
      "sale|current|final|our|special|actual|now|buy|main|offer|selling|sell|new|amount|value", Pattern.CASE_INSENSITIVE);
  /** Blocks listing other products than the page's. */
  private static final Pattern ELSEWHERE = Pattern.compile(
      "related|recommend|similar|carousel|upsell|up-sell|cross-?sell|also|recent|viewed|bundle|accessor|sponsor|widget"
          + "|footer|header|nav|menu|cart-?preview|mini-?cart|basket-?preview",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ADD_TO_CART = Pattern.compile(
      "add[-_ ]?to[-_ ]?(cart|bag|basket|trolley)|addtocart|buy[-_ ]?(now|box|button|btn)|warenkorb|panier|carrito|carrello"
          + "|carrinho|koszyk|košík|kosík|košaric|корзин|sepete|kosár|ostoskori|varukorg|kurv|handlekurv|winkelwagen|カート"
          + "|장바구니|購物車|购物车|السلة|לסל|купить|koupit|kupi|comprar|acheter|kaufen",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern HIDDEN_CLASS = Pattern.compile("(?i)hidden|hide|d-none|(?!visually)[a-z]+-hidden");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,' ]\\d+)*");

  private HtmlOffer() {}

  /** The page's language tag, preferring one with a region: the caller's, html[lang], og:locale, Content-Language. */
  static String locale(Document doc, String pageLang) {
    return locale(Index.of(doc), pageLang);
  }

  static String locale(Index doc, String pageLang) {
    String[] candidates = {pageLang, doc.html == null ? null : doc.html.attr("lang"),
        meta(doc, "og:locale"), httpEquiv(doc, "content-language")};
    String first = null;
    for (String c : candidates) {
      if (c == null || c.isBlank()) {
        continue;
      }
      String tag = c.strip();
      if (first == null) {
        first = tag;
      }
      if (tag.matches("(?i)[a-z]{2,3}[-_]([a-z]{4}[-_])?[a-z]{2}\\b.*")) {
        return tag;
      }
    }
    return first;
  }

  static Offer find(Document doc, String locale) {
    return find(Index.of(doc), locale);
  }

  static Offer find(Index doc, String locale) {
    Element h1 = doc.h1;
    String name = h1 != null ? clean(h1.text()) : null;
    if (name == null) {
      name = meta(doc, "og:title");
    }
    String sku = itemprop(doc, "sku");
    String brand = placeholder(brandItemprop(doc));
    String gtin = null;
    for (String key : new String[] {"gtin", "gtin13", "gtin12", "gtin14", "gtin8"}) {
      String v = gtin != null ? gtin : itemprop(doc, key);
      gtin = v == null || v.matches("0+") ? null : v;
    }
    String mpn = itemprop(doc, "mpn");
    String availability = OfferExtractor.availability(itemprop(doc, "availability"));
    if (availability == null) {
      availability = ogAvailability(firstNonNull(meta(doc, "product:availability"), meta(doc, "og:availability")));
    }

    PriceParser.Price price = microdataPrice(doc, locale);
    if (price.amount() == null) {
      price = metaPrice(doc, locale);
    }
    if (price.amount() == null && looksLikeProductPage(doc)) {
      price = prominentPrice(doc.doc, h1, locale);
    }
    if (price.amount() == null && sku == null && gtin == null && mpn == null) {
      return null;
    }
    return new Offer(null, name, brand, sku, gtin, mpn, price.amount(), price.currency(), availability, null, null,
        null, null, null, null, null, null);
  }

  // ---- microdata and meta ----

  private static PriceParser.Price microdataPrice(Index doc, String locale) {
    for (Element e : doc.itemprops(PRICE_ITEMPROP)) {
      Element scope = e.closest("[itemscope]");
      Element currencyElement = scope != null ? scope.selectFirst("[itemprop~=(?i)^(.*\\s)?priceCurrency(\\s.*)?$]") : null;
      String currency = PriceParser.currency(currencyElement == null ? null : value(currencyElement), locale);
      PriceParser.Price p = PriceParser.parse(value(e), currency, locale);
      if (p.amount() != null && p.amount().signum() > 0) {
        return p;
      }
    }
    return new PriceParser.Price(null, null);
  }

  private static PriceParser.Price metaPrice(Index doc, String locale) {
    String currency = PriceParser.currency(firstNonNull(meta(doc, "product:price:currency"), meta(doc, "og:price:currency")), locale);
    for (String key : new String[] {"product:price:amount", "og:price:amount", "product:price", "og:price"}) {
      String v = meta(doc, key);
      if (v != null) {
        PriceParser.Price p = PriceParser.parse(v, currency, locale);
        if (p.amount() != null) {
          return p;
        }
      }
    }
    return new PriceParser.Price(null, null);
  }

  // ---- the heuristic ----

  /**
   * An og:type saying product, a Product/Offer itemtype, or an add-to-cart control; never a page
   * whose og:type says it is an article (shopping widgets in news are not the page's offer).
   */
  private static boolean looksLikeProductPage(Index index) {
    Document doc = index.doc;
    String ogType = meta(index, "og:type");
    if (ogType != null && ogType.equalsIgnoreCase("article")) {
      return false;
    }
    if (ogType != null && ogType.toLowerCase(Locale.ROOT).contains("product")) {
      return true;
    }
    if (doc.selectFirst("[itemtype~=(?i)schema.org/(Product|Offer)]") != null) {
      return true;
    }
    for (Element e : doc.select("button, input[type=submit], input[type=button], form, a[class], a[id]")) {
      String signal = e.id() + " " + e.className() + " " + e.attr("name") + " " + e.attr("value") + " "
          + (e.tagName().equals("form") ? e.attr("action") : e.ownText());
      if (ADD_TO_CART.matcher(signal).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The best-scored element whose class or id says price and whose text is a price: a currency in
   * the text, a name saying "sale"/"current", closeness to the h1 and to an add-to-cart control
   * count for it; being struck, in a related-products block or long text count against it. Ties go
   * to the earliest in the document.
   */
  private static PriceParser.Price prominentPrice(Document doc, Element h1, String locale) {
    Elements all = doc.getAllElements();
    int limit = Math.min(all.size(), MAX_ELEMENTS);
    int h1Index = -1;
    int cartIndex = -1;
    for (int i = 0; i < limit; i++) {
      Element e = all.get(i);
      if (e == h1) {
        h1Index = i;
      }
      if (cartIndex < 0 && isCartControl(e)) {
        cartIndex = i;
      }
    }
    PriceParser.Price best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < limit; i++) {
      Element e = all.get(i);
      String names = e.id() + " " + e.className();
      if (!PRICE_NAME.matcher(names).find() || NOT_THE_PRICE.matcher(names).find()) {
        continue;
      }
      String tag = e.tagName();
      if (tag.equals("body") || tag.equals("html") || tag.equals("script") || tag.equals("style") || tag.equals("option")) {
        continue;
      }
      String text = e.text();
      if (text.isEmpty() || text.length() > 60 || hidden(e)) {
        continue;
      }
      PriceParser.Price own = PriceParser.parse(text, null, locale);
      if (own.amount() == null || own.amount().signum() <= 0 || own.amount().compareTo(new BigDecimal("100000000")) > 0) {
        continue;
      }
      double score = 0;
      if (own.currency() != null) {
        score += 3;
      }
      if (PREFERRED.matcher(names).find()) {
        score += 1;
      }
      if (text.replaceAll("[\\d\\s.,:'*/-]", "").length() > 8) {
        score -= 1;
      }
      if (NUMBER.matcher(text).results().count() > 1) {
        // A block holding several prices ("RRP £55.00 Price £48.99 You save ..."): its leaves compete instead.
        score -= 3;
      }
      if (h1Index >= 0) {
        int d = i - h1Index;
        score -= Math.log1p(Math.abs(d)) / Math.log(10) * (d < 0 ? 1.5 : 1.0);
      }
      if (cartIndex >= 0) {
        score -= Math.log1p(Math.abs(i - cartIndex)) / Math.log(10) * 0.5;
      }
      if (struckOrElsewhere(e)) {
        score -= 4;
      }
      if (score > bestScore) {
        bestScore = score;
        best = own;
      }
    }
    // Below this the best is a related product's price far from the title, not the page's (an out-of-stock page).
    return best != null && bestScore >= MIN_SCORE ? best : new PriceParser.Price(null, null);
  }

  /** Not shown: hidden, display:none, or a class saying so (screen-reader-only text is shown, to a reader). */
  private static boolean hidden(Element e) {
    int depth = 0;
    for (Element a = e; a != null && depth < 20; a = a.parent(), depth++) {
      if (a.hasAttr("hidden") || a.attr("style").replace(" ", "").contains("display:none")) {
        return true;
      }
      for (String c : a.classNames()) {
        if (HIDDEN_CLASS.matcher(c).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isCartControl(Element e) {
    String tag = e.tagName();
    if (!(tag.equals("button") || tag.equals("input") || tag.equals("form") || tag.equals("a"))) {
      return false;
    }
    String signal = e.id() + " " + e.className() + " " + e.attr("name") + " " + e.attr("value") + " "
        + (tag.equals("form") ? e.attr("action") : e.ownText());
    return ADD_TO_CART.matcher(signal).find();
  }

  private static boolean struckOrElsewhere(Element e) {
    int depth = 0;
    for (Element a = e; a != null && depth < 20; a = a.parent(), depth++) {
      String tag = a.tagName();
      if (tag.equals("del") || tag.equals("s") || tag.equals("strike") || tag.equals("footer") || tag.equals("nav")
          || tag.equals("header") || tag.equals("aside")) {
        return true;
      }
      String style = a.attr("style");
      if (style.contains("line-through")) {
        return true;
      }
      if (depth > 0 && ELSEWHERE.matcher(a.id() + " " + a.className()).find()) {
        return true;
      }
    }
    return false;
  }

  // ---- the document's index ----

  private static final Evaluator HTML = QueryParser.parse("html");
  private static final Evaluator H1 = QueryParser.parse("h1");
  private static final Evaluator META = QueryParser.parse("meta");
  private static final Evaluator PRICE_ITEMPROP = QueryParser.parse("[itemprop~=(?i)^(.*\\s)?(price|lowPrice)(\\s.*)?$]");
  /** Parsed selectors by text: a fixed, small set (the keys above are constants). */
  private static final Map<String, Evaluator> SELECTORS = new ConcurrentHashMap<>();

  /**
   * What the lookups above read, gathered in one walk over the document: the first html and h1
   * elements, the meta elements and the elements with an itemprop, in document order. Each lookup
   * then tests its selector on these few elements only, which gives what {@code doc.selectFirst}
   * gives (the first match in document order) without a walk over the whole document per lookup.
   */
  static final class Index {
    final Document doc;
    Element html;
    Element h1;
    final List<Element> metas = new ArrayList<>();
    final List<Element> itemprops = new ArrayList<>();

    private Index(Document doc) {
      this.doc = doc;
    }

    static Index of(Document doc) {
      Index index = new Index(doc);
      int[] seen = {0};
      NodeTraversor.traverse((node, depth) -> {
        if (!(node instanceof Element e)) {
          return;
        }
        if ((++seen[0] & 1023) == 0) {
          Interruption.check();
        }
        if (index.html == null && HTML.matches(doc, e)) {
          index.html = e;
        }
        if (index.h1 == null && H1.matches(doc, e)) {
          index.h1 = e;
        }
        if (META.matches(doc, e)) {
          index.metas.add(e);
        }
        if (e.attributes().hasKeyIgnoreCase("itemprop")) {
          index.itemprops.add(e);
        }
      }, doc);
      return index;
    }

    /** The first of these elements the selector matches, as {@code doc.selectFirst(query)} among them. */
    Element first(List<Element> elements, String query) {
      Evaluator evaluator = SELECTORS.computeIfAbsent(query, QueryParser::parse);
      for (Element e : elements) {
        if (evaluator.matches(doc, e)) {
          return e;
        }
      }
      return null;
    }

    /** The elements with an itemprop the selector matches, in document order. */
    List<Element> itemprops(Evaluator evaluator) {
      List<Element> out = new ArrayList<>();
      for (Element e : itemprops) {
        if (evaluator.matches(doc, e)) {
          out.add(e);
        }
      }
      return out;
    }
  }

  // ---- small helpers ----

  private static String itemprop(Index doc, String name) {
    Element e = doc.first(doc.itemprops, "[itemprop=" + name + "]");
    return e == null ? null : clean(value(e));
  }

  private static String brandItemprop(Index doc) {
    Element e = doc.first(doc.itemprops, "[itemprop=brand]");
    if (e == null) {
      return null;
    }
    Element inner = e.selectFirst("[itemprop=name]");
    return clean(value(inner != null ? inner : e));
  }

  /** An itemprop's value as microdata defines it: content, then href/src for links, then text. */
  private static String value(Element e) {
    if (e.hasAttr("content")) {
      return e.attr("content");
    }
    String tag = e.tagName();
    if ((tag.equals("link") || tag.equals("a")) && e.hasAttr("href")) {
      return e.attr("href");
    }
    if (tag.equals("meta")) {
      return e.attr("content");
    }
    if (e.hasAttr("value") && (tag.equals("data") || tag.equals("input"))) {
      return e.attr("value");
    }
    String text = e.text();
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  private static String meta(Index doc, String key) {
    Element e = doc.first(doc.metas, "meta[property=" + key + "], meta[name=" + key + "]");
    return e == null ? null : clean(e.attr("content"));
  }

  private static String httpEquiv(Index doc, String key) {
    Element e = doc.first(doc.metas, "meta[http-equiv=" + key + "]");
    return e == null ? null : clean(e.attr("content"));
  }

  private static String ogAvailability(String value) {
    if (value == null) {
      return null;
    }
    String v = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return switch (v) {
      case "instock", "available", "pending" -> "InStock";
      case "oos", "outofstock" -> "OutOfStock";
      case "preorder" -> "PreOrder";
      case "discontinued" -> "Discontinued";
      default -> OfferExtractor.availability(value);
    };
  }

  /** Template text a page forgot to fill ("$metabrand", "{{brand}}") is no value. */
  private static String placeholder(String value) {
    return value == null || value.startsWith("$") || value.contains("{{") || value.contains("${") ? null : value;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.replaceAll("\\s+", " ").strip();
    return t.isEmpty() ? null : t;
  }
}

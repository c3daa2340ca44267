package io.htmllake.parsers;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;

/**
 * The {@code offers} projection: typed rows from a page's Product / Offer / AggregateOffer / Hotel /
 * LodgingBusiness / HotelRoom / Accommodation items, from any syntax.
 *
 * <p>Rows. A Product (or HotelRoom, Hotel, ...) with offers gives one row per offer ({@code offers}
 * or {@code makesOffer}), carrying the item's type, name, brand, identifiers, rating and place and
 * the offer's price, currency and availability (an offer's own sku/gtin/mpn win, as variants have
 * their own). Without offers it gives one row with no price. An Offer found on its own (top level,
 * or under an Event or a WebPage) gives a row of type Offer/AggregateOffer named after its
 * {@code itemOffered}, or else after the item holding it. A hotel's rooms ({@code containsPlace})
 * are rows of their own that take the hotel's address, geo and check-in/out when they have none; a
 * ProductGroup's variants ({@code hasVariant}) likewise take its brand. Related products
 * ({@code isRelatedTo}, {@code isSimilarTo}, ...) give no rows: the page does not offer them.
 *
 * <p>Values. An AggregateOffer's price is its {@code lowPrice} (then {@code price}, {@code highPrice});
 * an Offer's, its {@code price}, then its {@code priceSpecification}'s. Text prices are read by
 * {@link PriceParser}; currencies become ISO 4217 codes; availability becomes the schema.org short
 * name ({@code InStock}); gtin is the first of gtin, gtin13, gtin12, gtin14, gtin8; address_country is
 * an ISO 3166 code when the page gives a code or a country name this parser knows, else as written.
 * Check-in/out dates come from {@code checkinTime}/{@code checkoutTime} when those hold a date (a
 * LodgingReservation's do; a Hotel's are usually times of day, which give none).
 *
 * <p>Work is bounded: at most {@value #MAX_NODES} JSON nodes are visited and {@value #MAX_ROWS} rows
 * made per page, nesting deeper than {@value #MAX_DEPTH} is not followed, and an item whose JSON does
 * not parse is skipped.
 */
public final class OfferExtractor {

  static final int MAX_ROWS = 500;
  static final int MAX_NODES = 20_000;
  static final int MAX_DEPTH = 24;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
  }

  private enum Kind { PRODUCT, OFFER, LODGING, ACCOMMODATION, RESERVATION, OTHER }

  private static final Map<String, String> CANONICAL = new HashMap<>();
  private static final Map<String, Kind> KINDS = new HashMap<>();

  static {
    kind(Kind.PRODUCT, "Product", "ProductModel", "IndividualProduct", "SomeProducts", "ProductGroup", "Vehicle", "Car",
        "Motorcycle", "MotorizedBicycle", "BusOrCoach", "DietarySupplement");
    kind(Kind.OFFER, "Offer", "AggregateOffer", "OfferForLease", "OfferForPurchase");
    kind(Kind.LODGING, "LodgingBusiness", "Hotel", "Motel", "Hostel", "Resort", "BedAndBreakfast", "Campground",
        "VacationRental", "SkiResort");
    kind(Kind.ACCOMMODATION, "Accommodation", "HotelRoom", "Room", "Suite", "Apartment", "House", "SingleFamilyResidence",
        "CampingPitch", "MeetingRoom");
    kind(Kind.RESERVATION, "LodgingReservation");
  }

  private static void kind(Kind kind, String... names) {
    for (String name : names) {
      CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
      KINDS.put(name.toLowerCase(Locale.ROOT), kind);
    }
  }

  private static final List<String> GTIN_KEYS = List.of("gtin", "gtin13", "gtin12", "gtin14", "gtin8");
  private static final Map<String, String> AVAILABILITY = new HashMap<>();

  static {
    for (String a : List.of("InStock", "OutOfStock", "PreOrder", "PreSale", "BackOrder", "Discontinued", "InStoreOnly",
        "LimitedAvailability", "OnlineOnly", "SoldOut", "MadeToOrder", "Reserved")) {
      AVAILABILITY.put(a.toLowerCase(Locale.ROOT), a);
    }
  }

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+]?\\d+(\\.\\d+)?");
  private static final Pattern SIGNED_DECIMAL = Pattern.compile("[+-]?\\d{1,3}(\\.\\d+)?");
  private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern GS1_LINK = Pattern.compile("/01/(\\d{8,14})(?:[/?#]|$)");

  private OfferExtractor() {}

  /**
   * @param items the page's structured items ({@link StructuredItem#json()} is normalised JSON-LD)
   * @param pageLang the page's language tag (e.g. {@code en-CA}), used to read shared currency symbols; may be null
   * @return the rows, in the order of the items; empty when none is a product, offer or lodging
   */
  public static List<Offer> extract(List<StructuredItem> items, String pageLang) {
    Objects.requireNonNull(items, "items");
    Walk walk = new Walk(pageLang);
    for (StructuredItem item : items) {
      if (walk.full()) {
        break;
      }
      JsonNode root;
      try {
        root = JSON.readTree(item.json());
      } catch (IOException | RuntimeException e) {
        continue;
      }
      walk.visit(root, null, 0);
    }
    return List.copyOf(walk.rows);
  }

  /**
   * {@link #extract(List, String)}, then, when no row has a price, the price the page shows in its
   * HTML ({@link #fromHtml}): put on the first row, or a row of its own when there is none.
   *
   * @param pageLang the page's language tag; may be null. The document's own ({@code html[lang]},
   *     {@code og:locale}, Content-Language) is used when it is null or has no region and theirs has
   *     one ("es" and og:locale "es_CL" read "$" as CLP)
   */
  public static List<Offer> extract(List<StructuredItem> items, Document doc, String pageLang) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(doc, "doc");
    HtmlOffer.Index index = HtmlOffer.Index.of(doc);
    String locale = HtmlOffer.locale(index, pageLang);
    List<Offer> rows = extract(items, locale);
    for (Offer o : rows) {
      if (o.price() != null) {
        return rows;
      }
    }
    Offer found = HtmlOffer.find(index, HtmlOffer.locale(index, locale));
    List<Offer> html = found == null ? List.of() : List.of(found);
    if (html.isEmpty()) {
      return rows;
    }
    if (rows.isEmpty()) {
      return html;
    }
    Offer seen = html.get(0);
    if (seen.price() == null) {
      return rows;
    }
    List<Offer> out = new ArrayList<>(rows);
    Offer first = rows.get(0);
    out.set(0, new Offer(first.itemType(), first.name(), first.brand(), first.sku(), first.gtin(), first.mpn(),
        seen.price(), seen.currency() != null ? seen.currency() : first.currency(),
        first.availability() != null ? first.availability() : seen.availability(), first.ratingValue(),
        first.reviewCount(), first.addressLocality(), first.addressCountry(), first.latitude(), first.longitude(),
        first.checkinDate(), first.checkoutDate()));
    return List.copyOf(out);
  }

  /**
   * The offer a product page shows in its HTML, for pages whose structured data has no price: the
   * microdata {@code [itemprop=price]}, then {@code product:price:amount} / {@code og:price:amount},
   * then, on pages that look like a product page (an add-to-cart control, {@code og:type} product,
   * a Product itemtype), the most prominent element whose class or id says "price", near the h1.
   * Empty when none is found. Its item type is null: the page did not type it.
   */
  public static List<Offer> fromHtml(Document doc, String pageLang) {
    Objects.requireNonNull(doc, "doc");
    Offer offer = HtmlOffer.find(doc, HtmlOffer.locale(doc, pageLang));
    return offer == null ? List.of() : List.of(offer);
  }

  // ---- the walk ----

  private static final class Walk {
    final String lang;
    final List<Offer> rows = new ArrayList<>();
    int budget = MAX_NODES;

    Walk(String lang) {
      this.lang = lang;
    }

    boolean full() {
      return rows.size() >= MAX_ROWS || budget <= 0;
    }

    /** @param holder the nearest enclosing object, whose name an offer without itemOffered takes */
    void visit(JsonNode node, JsonNode holder, int depth) {
      if (node == null || full() || depth > MAX_DEPTH) {
        return;
      }
      budget--;
      if (node.isArray()) {
        for (JsonNode child : node) {
          visit(child, holder, depth + 1);
          if (full()) {
            return;
          }
        }
        return;
      }
      if (!node.isObject()) {
        return;
      }
      TypeInfo type = type(node);
      switch (type.kind) {
        case PRODUCT -> {
          thing(node, type.name, null, depth);
          for (JsonNode variant : values(node, "hasVariant")) {
            if (variant.isObject() && type(variant).kind == Kind.PRODUCT) {
              thing(variant, type(variant).name, node, depth + 1);
            }
          }
        }
        case LODGING, ACCOMMODATION -> {
          thing(node, type.name, null, depth);
          for (JsonNode place : values(node, "containsPlace")) {
            TypeInfo t = place.isObject() ? type(place) : TypeInfo.NONE;
            if (t.kind == Kind.ACCOMMODATION || t.kind == Kind.LODGING) {
              thing(place, t.name, node, depth + 1);
            }
          }
        }
        case OFFER -> {
          JsonNode offered = first(node, "itemOffered");
          JsonNode thing = offered != null && offered.isObject() ? offered : holder;
          row(type.name, thing, node, null);
        }
        case RESERVATION -> {
          JsonNode place = first(node, "reservationFor");
          row(type.name, place != null && place.isObject() ? place : null, node, null);
        }
        case OTHER -> {
          Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
          while (fields.hasNext() && !full()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getKey().equals("@context")) {
              visit(f.getValue(), node, depth + 1);
            }
          }
        }
        default -> throw new IllegalStateException("Cannot walk: unknown kind " + type.kind);
      }
    }

    /** One row per offer of a product or place, or one without price when it has none. */
    void thing(JsonNode thing, String itemType, JsonNode parent, int depth) {
      List<JsonNode> offers = new ArrayList<>();
      for (String key : List.of("offers", "makesOffer")) {
        for (JsonNode o : values(thing, key)) {
          budget--;
          if (o.isObject() && (type(o).kind == Kind.OFFER || !o.has("@type"))) {
            offers.add(o);
          }
        }
      }
      if (offers.isEmpty()) {
        // Some pages put price and availability on the product itself.
        row(itemType, thing, hasPrice(thing) ? thing : null, parent);
        return;
      }
      for (JsonNode offer : offers) {
        if (full()) {
          return;
        }
        if (!hasPrice(offer) && !values(offer, "offers").isEmpty()) {
          for (JsonNode inner : values(offer, "offers")) {
            if (inner.isObject() && !full()) {
              row(itemType, thing, inner, parent);
            }
          }
        } else {
          row(itemType, thing, offer, parent);
        }
      }
    }

    void row(String itemType, JsonNode thing, JsonNode offer, JsonNode parent) {
      if (full()) {
        return;
      }
      budget--;
      String currency = null;
      BigDecimal price = null;
      if (offer != null) {
        currency = PriceParser.currency(text(offer, "priceCurrency"), lang);
        JsonNode priceNode = first(offer, "price");
        if (priceNode == null || priceNode.isObject()) {
          for (JsonNode spec : values(offer, "priceSpecification")) {
            JsonNode p = first(spec, "price");
            if (p != null && !p.isObject()) {
              priceNode = p;
              if (currency == null) {
                currency = PriceParser.currency(text(spec, "priceCurrency"), lang);
              }
              break;
            }
          }
        }
        for (String key : List.of("lowPrice", "highPrice", "totalPrice")) {
          if (priceNode == null || priceNode.isObject()) {
            priceNode = first(offer, key);
          }
        }
        PriceParser.Price parsed = price(priceNode, currency, lang);
        price = parsed.amount();
        currency = currency != null ? currency : parsed.currency();
      }
      String name = firstText(thing, offer, "name");
      String brand = brand(thing);
      if (brand == null) {
        brand = brand(offer);
      }
      if (brand == null && parent != null) {
        brand = brand(parent);
      }
      String sku = firstText(offer, thing, "sku");
      if (sku == null) {
        sku = text(thing, "productID");
      }
      String gtin = gtin(offer);
      if (gtin == null) {
        gtin = gtin(thing);
      }
      String mpn = firstText(offer, thing, "mpn");
      String availability = availability(idOrText(offer, "availability"));
      if (availability == null) {
        availability = availability(idOrText(thing, "availability"));
      }
      JsonNode rating = first(thing, "aggregateRating");
      if (rating == null) {
        rating = first(offer, "aggregateRating");
      }
      Double ratingValue = rating == null ? null : number(first(rating, "ratingValue"));
      BigDecimal count = rating == null ? null : count(first(rating, "reviewCount"));
      if (count == null && rating != null) {
        count = count(first(rating, "ratingCount"));
      }
      Place place = place(thing);
      if (parent != null) {
        place = place.orElse(place(parent));
      }
      LocalDate checkin = firstDate("checkinTime", offer, thing, parent);
      LocalDate checkout = firstDate("checkoutTime", offer, thing, parent);
      rows.add(new Offer(itemType, name, brand, sku, gtin, mpn, price, currency, availability, ratingValue,
          count == null ? null : count.longValue(), place.locality, place.country, place.latitude,
          place.longitude, checkin, checkout));
    }
  }

  // ---- values ----

  /** A structured price: a JSON number as is, a plain "12.50" as schema.org means it, anything else read as text. */
  static PriceParser.Price price(JsonNode node, String currency, String lang) {
    node = scalar(node);
    if (node == null) {
      return new PriceParser.Price(null, null);
    }
    BigDecimal amount = null;
    String parsedCurrency = null;
    if (node.isNumber()) {
      amount = node.decimalValue();
    } else if (node.isTextual()) {
      String s = node.asText().strip();
      if (PLAIN_DECIMAL.matcher(s).matches() && !(PriceParser.minorUnits(currency) == 0 && s.matches("\\d+\\.\\d{3}"))) {
        amount = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
      } else {
        PriceParser.Price p = PriceParser.parse(s, currency, lang);
        amount = p.amount();
        parsedCurrency = p.currency();
      }
    }
    if (amount != null && amount.signum() < 0) {
      amount = null;
    }
    return new PriceParser.Price(amount, parsedCurrency);
  }

  static String availability(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    int cut = Math.max(v.lastIndexOf('/'), Math.max(v.lastIndexOf('#'), v.lastIndexOf(':')));
    v = v.substring(cut + 1).replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
    return AVAILABILITY.get(v);
  }

  private static String brand(JsonNode node) {
    JsonNode b = first(node, "brand");
    if (b == null) {
      return null;
    }
    if (b.isObject()) {
      String name = text(b, "name");
      return name != null ? name : null;
    }
    return clean(scalarText(b));
  }

  private static String gtin(JsonNode node) {
    for (String key : GTIN_KEYS) {
      String v = text(node, key);
      if (v != null) {
        Matcher link = GS1_LINK.matcher(v);
        if (link.find()) {
          return link.group(1);
        }
        String digits = v.replaceAll("[\\s-]", "");
        if (digits.matches("0+")) {
          continue;
        }
        return digits.matches("\\d{8,14}") ? digits : v;
      }
    }
    return null;
  }

  private record Place(String locality, String country, Double latitude, Double longitude) {
    Place orElse(Place other) {
      return new Place(locality != null ? locality : other.locality, country != null ? country : other.country,
          latitude != null ? latitude : other.latitude, longitude != null ? longitude : other.longitude);
    }
  }

  private static final Place NO_PLACE = new Place(null, null, null, null);

  private static Place place(JsonNode node) {
    if (node == null) {
      return NO_PLACE;
    }
    String locality = null;
    String country = null;
    JsonNode address = first(node, "address");
    if (address == null) {
      JsonNode location = first(node, "location");
      address = location != null && location.isObject() ? first(location, "address") : null;
    }
    if (address != null && address.isObject()) {
      locality = text(address, "addressLocality");
      JsonNode c = first(address, "addressCountry");
      String countryText = c != null && c.isObject() ? text(c, "name") : clean(scalarText(c));
      country = Countries.normalise(countryText);
    } else if (address != null) {
      String[] parts = Countries.splitAddress(clean(scalarText(address)));
      locality = parts[0];
      country = parts[1];
    }
    Double lat = null;
    Double lon = null;
    JsonNode geo = first(node, "geo");
    JsonNode coordinates = geo != null && geo.isObject() ? geo : node;
    lat = number(first(coordinates, "latitude"));
    lon = number(first(coordinates, "longitude"));
    if (lat == null || lon == null || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      lat = null;
      lon = null;
    }
    return new Place(locality, country, lat, lon);
  }

  private static LocalDate firstDate(String key, JsonNode... nodes) {
    for (JsonNode n : nodes) {
      String v = text(n, key);
      if (v != null) {
        Matcher m = ISO_DATE.matcher(v);
        if (m.find()) {
          try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
          } catch (java.time.DateTimeException e) {
            // not a real date
          }
        }
      }
    }
    return null;
  }

  /** A rating or a coordinate: a JSON number, "47.2649990", "-33.8", or "4,5" with a decimal comma. */
  private static Double number(JsonNode node) {
    node = scalar(node);
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      String s = node.asText().strip().replace('\u2212', '-').replace(',', '.');
      if (SIGNED_DECIMAL.matcher(s).matches()) {
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : null;
      }
    }
    return null;
  }

  /** A count: a JSON number or "1,234" / "1.234" / "1 234". */
  private static BigDecimal count(JsonNode node) {
    node = scalar(node);
    if (node == null) {
      return null;
    }
    BigDecimal d = node.isNumber() ? node.decimalValue() : node.isTextual() ? PriceParser.parse(node.asText()).amount() : null;
    return d == null || d.signum() < 0 || d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? null : d;
  }

  private static boolean hasPrice(JsonNode node) {
    for (String key : List.of("price", "lowPrice", "highPrice", "priceSpecification", "totalPrice")) {
      if (first(node, key) != null) {
        return true;
      }
    }
    return false;
  }

  // ---- JSON access that takes arrays, @value objects and full IRIs as keys ----

  private record TypeInfo(Kind kind, String name) {
    static final TypeInfo NONE = new TypeInfo(Kind.OTHER, null);
  }

  private static TypeInfo type(JsonNode node) {
    JsonNode t = node.get("@type");
    if (t == null) {
      t = node.get("type");
    }
    if (t == null) {
      return TypeInfo.NONE;
    }
    Iterable<JsonNode> types = t.isArray() ? t : List.of(t);
    for (JsonNode one : types) {
      if (one.isTextual()) {
        String key = shortName(one.asText()).toLowerCase(Locale.ROOT);
        Kind kind = KINDS.get(key);
        if (kind != null) {
          return new TypeInfo(kind, CANONICAL.get(key));
        }
      }
    }
    return TypeInfo.NONE;
  }

  /** {@code http://schema.org/Product}, {@code schema:Product} and {@code Product} are all Product. */
  static String shortName(String iri) {
    String s = iri.strip();
    int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('#'));
    if (cut >= 0) {
      return s.substring(cut + 1);
    }
    int colon = s.lastIndexOf(':');
    return colon >= 0 ? s.substring(colon + 1) : s;
  }

  /** The property's value(s) as a list: arrays flattened, a single value as one element. */
  private static List<JsonNode> values(JsonNode node, String key) {
    JsonNode v = prop(node, key);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      return List.of(v);
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (out.size() >= MAX_ROWS) {
        break;
      }
      if (!e.isNull()) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first value of the property, or null. */
  private static JsonNode first(JsonNode node, String key) {
    JsonNode v = prop(node, key);
    if (v != null && v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isNull()) {
          return e;
        }
      }
      return null;
    }
    return v == null || v.isNull() ? null : v;
  }

  private static JsonNode prop(JsonNode node, String key) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(key);
    if (v != null) {
      return v;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String k = f.getKey();
      if (k.length() > key.length() && k.endsWith(key) && shortName(k).equals(key)) {
        return f.getValue();
      }
    }
    return null;
  }

  /** A scalar from a scalar, an {@code @value} object or an array's first element. */
  private static JsonNode scalar(JsonNode node) {
    if (node != null && node.isArray()) {
      node = node.size() > 0 ? node.get(0) : null;
    }
    if (node != null && node.isObject()) {
      node = node.get("@value");
    }
    return node == null || node.isNull() || node.isContainerNode() ? null : node;
  }

  private static String scalarText(JsonNode node) {
    JsonNode s = scalar(node);
    return s == null ? null : s.asText();
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = first(node, key);
    if (v != null && v.isObject() && !v.has("@value")) {
      // An item where text is expected: {"@type": "Brand", "name": ...} or {"@id": ...}.
      JsonNode name = first(v, "name");
      return name == null ? null : clean(scalarText(name));
    }
    return clean(scalarText(v));
  }

  /** An enumeration value: {"@id": "https://schema.org/InStock"} or its text. */
  private static String idOrText(JsonNode node, String key) {
    JsonNode v = first(node, key);
    if (v != null && v.isObject() && v.has("@id")) {
      return clean(scalarText(v.get("@id")));
    }
    return text(node, key);
  }

  private static String firstText(JsonNode a, JsonNode b, String key) {
    String v = text(a, key);
    return v != null ? v : text(b, key);
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.replaceAll("\\s+", " ").strip();
    return t.isEmpty() ? null : t;
  }
}

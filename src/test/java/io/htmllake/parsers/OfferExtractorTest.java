package io.htmllake.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The offers projection on hand-written items in the normalised JSON-LD shape the structured-data extractor produces. */
class OfferExtractorTest {

  private static List<Offer> extract(String lang, String... json) {
    List<StructuredItem> items = new ArrayList<>();
    for (String j : json) {
      items.add(new StructuredItem("json-ld", null, null, j));
    }
    return OfferExtractor.extract(items, lang);
  }

  private static Offer only(List<Offer> offers) {
    assertEquals(1, offers.size(), () -> "rows: " + offers);
    return offers.get(0);
  }

  private static void assertAmount(String expected, BigDecimal actual) {
    assertTrue(actual != null && actual.compareTo(new BigDecimal(expected)) == 0, "price: expected " + expected + ", got " + actual);
  }

  @Test
  void productWithOneOffer() {
    Offer o = only(extract(null, """
        {"@context": "https://schema.org", "@type": "Product", "name": "Filzstift", "sku": "1049084",
         "brand": {"@type": "Brand", "name": "Stabilo"}, "gtin13": "4006381333627", "mpn": "FIB-24",
         "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4,5", "reviewCount": "1,234"},
         "offers": {"@type": "Offer", "price": "12.50", "priceCurrency": "EUR",
                    "availability": "https://schema.org/InStock"}}"""));
    assertEquals("Product", o.itemType());
    assertEquals("Filzstift", o.name());
    assertEquals("Stabilo", o.brand());
    assertEquals("1049084", o.sku());
    assertEquals("4006381333627", o.gtin());
    assertEquals("FIB-24", o.mpn());
    assertEquals(new BigDecimal("12.50"), o.price());
    assertEquals("EUR", o.currency());
    assertEquals("InStock", o.availability());
    assertEquals(4.5, o.ratingValue());
    assertEquals(1234L, o.reviewCount());
  }

  @Test
  void productWithSeveralOffersGivesOneRowPerOfferCarryingTheProduct() {
    List<Offer> rows = extract(null, """
        {"@type": "Product", "name": "Chinos", "brand": "Esprit", "sku": "ES122",
         "offers": [
           {"@type": "Offer", "sku": "ES122-32", "price": "39.3", "priceCurrency": "EUR", "availability": "http://schema.org/OutOfStock"},
           {"@type": "Offer", "sku": "ES122-34", "price": 41, "priceCurrency": "EUR", "availability": "http://schema.org/InStock"}]}""");
    assertEquals(2, rows.size());
    assertEquals(List.of("ES122-32", "ES122-34"), rows.stream().map(Offer::sku).toList(), "an offer's own sku wins");
    assertEquals(List.of("Chinos", "Chinos"), rows.stream().map(Offer::name).toList());
    assertEquals(List.of("Esprit", "Esprit"), rows.stream().map(Offer::brand).toList());
    assertEquals(List.of("OutOfStock", "InStock"), rows.stream().map(Offer::availability).toList());
    assertAmount("41", rows.get(1).price());
  }

  @Test
  void productWithoutOffersIsARowWithoutPrice() {
    Offer o = only(extract(null, """
        {"@type": "Product", "name": "Hook", "sku": "603.471.02"}"""));
    assertEquals("Hook", o.name());
    assertNull(o.price());
  }

  @Test
  void aggregateOfferPriceIsItsLowPrice() {
    Offer o = only(extract(null, """
        {"@type": "Product", "name": "Pot",
         "offers": {"@type": "AggregateOffer", "lowPrice": "352", "highPrice": "410", "priceCurrency": "BYN", "offerCount": 3}}"""));
    assertEquals("Product", o.itemType());
    assertAmount("352", o.price());
    assertEquals("BYN", o.currency());
  }

  @Test
  void acceptsArraysLongIrisAndValueObjects() {
    Offer o = only(extract(null, """
        {"@context": "http://schema.org/", "@type": ["http://schema.org/Product"],
         "http://schema.org/name": [{"@value": "Tisch", "@language": "de"}, "Table"],
         "brand": ["IKEA", "Other"],
         "offers": [{"@type": "schema:Offer", "price": ["450"], "priceCurrency": ["gbp"],
                     "availability": {"@id": "http://schema.org/InStock"}}]}"""));
    assertEquals("Product", o.itemType());
    assertEquals("Tisch", o.name());
    assertEquals("IKEA", o.brand());
    assertAmount("450", o.price());
    assertEquals("GBP", o.currency());
    assertEquals("InStock", o.availability());
  }

  @Test
  void readsTextPricesWithPriceParser() {
    assertPriceOf("129000", "KRW", null, "{\"@type\": \"Offer\", \"price\": \"₩129,000\"}");
    assertPriceOf("1234.56", "EUR", null, "{\"@type\": \"Offer\", \"price\": \"1.234,56 €\"}");
    assertPriceOf("99", "CAD", "en-CA", "{\"@type\": \"Offer\", \"price\": \"from $99\"}");
    assertPriceOf("12.5", "USD", null, "{\"@type\": \"Offer\", \"price\": 12.5, \"priceCurrency\": \"USD\"}");
    assertPriceOf("0.1", "USD", null, "{\"@type\": \"Offer\", \"price\": 0.1, \"priceCurrency\": \"USD\"}");
    assertPriceOf("2449.00", "ARS", null, "{\"@type\": \"Offer\", \"price\": \"2449.00\", \"priceCurrency\": \"ARS\"}");
    assertPriceOf("34.500", "EUR", null, "{\"@type\": \"Offer\", \"price\": \"34.500\", \"priceCurrency\": \"EUR\"}");
    assertPriceOf("350000", "VND", null, "{\"@type\": \"Offer\", \"price\": \"350.000\", \"priceCurrency\": \"VND\"}");
    assertPriceOf("129000", "KRW", null, "{\"@type\": \"Offer\", \"price\": \"129,000\", \"priceCurrency\": \"KRW\"}");
    assertPriceOf("19.90", "EUR", null, "{\"@type\": \"Offer\", \"price\": \"19,90\", \"priceCurrency\": \"€\"}");
    assertPriceOf("19.90", "CHF", null, "{\"@type\": \"Offer\", \"priceSpecification\": [{\"@type\": \"UnitPriceSpecification\","
        + " \"price\": 19.90, \"priceCurrency\": \"CHF\"}]}");
  }

  private static void assertPriceOf(String amount, String currency, String lang, String json) {
    Offer o = only(extract(lang, json));
    assertAmount(amount, o.price());
    assertEquals(currency, o.currency(), json);
  }

  @Test
  void readsAvailabilityAsTheSchemaOrgShortName() {
    assertEquals("InStock", OfferExtractor.availability("InStock"));
    assertEquals("InStock", OfferExtractor.availability("https://schema.org/InStock"));
    assertEquals("OutOfStock", OfferExtractor.availability("http://schema.org/OutOfStock"));
    assertEquals("PreOrder", OfferExtractor.availability("schema:PreOrder"));
    assertEquals("InStock", OfferExtractor.availability("in stock"));
    assertEquals("LimitedAvailability", OfferExtractor.availability("limited_availability"));
    assertNull(OfferExtractor.availability("Available"));
    assertNull(OfferExtractor.availability(null));
  }

  @Test
  void readsGtinFromAnyOfItsProperties() {
    assertEquals("12345670", only(extract(null, "{\"@type\": \"Product\", \"gtin8\": \"1234-5670\"}")).gtin());
    assertEquals("09506000134352", only(extract(null, "{\"@type\": \"Product\", \"gtin\": \"https://id.gs1.org/01/09506000134352\"}")).gtin());
    assertEquals("5018479061991", only(extract(null, "{\"@type\": \"Product\", \"gtin13\": \"0000000000000\", \"gtin14\": \"5018479061991\"}")).gtin(),
        "all zeros is a placeholder");
  }

  /** The hotel from schema.org's examples (#eg-0370), as the microdata extractor would normalise it. */
  @Test
  void hotelWithRoomsAndARate() {
    List<Offer> rows = extract(null, """
        {"@context": "https://schema.org", "@type": "Hotel", "name": "ACME Hotel Innsbruck",
         "address": {"@type": "PostalAddress", "streetAddress": "Technikerstrasse 21", "postalCode": "6020",
                     "addressLocality": "Innsbruck", "addressRegion": "Tyrol", "addressCountry": "Austria"},
         "geo": {"@type": "GeoCoordinates", "latitude": "47.2649990", "longitude": "11.3428720"},
         "checkinTime": "14:00:00", "checkoutTime": "11:00:00",
         "aggregateRating": {"@type": "AggregateRating", "ratingValue": 4.6, "reviewCount": 1302},
         "containsPlace": {"@type": "HotelRoom", "name": "Standard Double Room"},
         "makesOffer": {"@type": "Offer", "name": "Flex-rate",
                        "priceSpecification": {"@type": "UnitPriceSpecification", "priceCurrency": "EUR", "price": "99",
                                               "unitCode": "DAY"}}}""");
    assertEquals(2, rows.size(), () -> "rows: " + rows);
    Offer hotel = rows.get(0);
    assertEquals("Hotel", hotel.itemType());
    assertEquals("ACME Hotel Innsbruck", hotel.name());
    assertAmount("99", hotel.price());
    assertEquals("EUR", hotel.currency());
    assertEquals("Innsbruck", hotel.addressLocality());
    assertEquals("AT", hotel.addressCountry());
    assertEquals(47.264999, hotel.latitude(), 1e-9);
    assertEquals(11.342872, hotel.longitude(), 1e-9);
    assertEquals(4.6, hotel.ratingValue());
    assertEquals(1302L, hotel.reviewCount());
    assertNull(hotel.checkinDate(), "a check-in time of day is no date");
    Offer room = rows.get(1);
    assertEquals("HotelRoom", room.itemType());
    assertEquals("Standard Double Room", room.name());
    assertEquals("Innsbruck", room.addressLocality(), "a room is where its hotel is");
    assertEquals(47.264999, room.latitude(), 1e-9);
    assertNull(room.price());
  }

  @Test
  void roomWithItsOwnOfferAndAOneLineAddress() {
    List<Offer> rows = extract(null, """
        {"@type": "LodgingBusiness", "name": "Pension Alpenblick",
         "address": "Technikerstrasse 21, 6020 Innsbruck, Austria",
         "containsPlace": [{"@type": "HotelRoom", "name": "Single",
                            "offers": {"@type": "Offer", "price": "79.00", "priceCurrency": "EUR"}},
                           {"@type": "Suite", "name": "Suite", "address": {"@type": "PostalAddress", "addressLocality": "Igls",
                            "addressCountry": {"@type": "Country", "name": "AT"}}}]}""");
    assertEquals(List.of("LodgingBusiness", "HotelRoom", "Suite"), rows.stream().map(Offer::itemType).toList());
    assertEquals("Innsbruck", rows.get(0).addressLocality());
    assertEquals("AT", rows.get(0).addressCountry());
    assertAmount("79.00", rows.get(1).price());
    assertEquals("Innsbruck", rows.get(1).addressLocality());
    assertEquals("Igls", rows.get(2).addressLocality());
    assertEquals("AT", rows.get(2).addressCountry());
  }

  @Test
  void accommodationAndVacationRental() {
    List<Offer> rows = extract(null, """
        {"@type": "VacationRental", "name": "Chalet",
         "address": {"@type": "PostalAddress", "addressLocality": "Zermatt", "addressCountry": "CHE"},
         "latitude": 46.02, "longitude": "7.75",
         "containsPlace": {"@type": "Accommodation", "name": "Whole chalet", "numberOfRooms": 4}}""",
        """
        {"@type": "Apartment", "name": "Loft", "geo": {"latitude": "-33.865143", "longitude": "151.209900"}}""");
    assertEquals(List.of("VacationRental", "Accommodation", "Apartment"), rows.stream().map(Offer::itemType).toList());
    assertEquals("CH", rows.get(0).addressCountry());
    assertEquals(46.02, rows.get(0).latitude());
    assertEquals(7.75, rows.get(1).longitude());
    assertEquals(-33.865143, rows.get(2).latitude(), 1e-9);
  }

  @Test
  void lodgingReservationGivesCheckInAndOutDates() {
    Offer o = only(extract(null, """
        {"@type": "LodgingReservation", "reservationNumber": "abc456",
         "reservationFor": {"@type": "LodgingBusiness", "name": "Hilton San Francisco Union Square",
                            "address": {"@type": "PostalAddress", "addressLocality": "San Francisco", "addressCountry": "US"}},
         "checkinTime": "2027-04-11T16:00:00-08:00", "checkoutTime": "2027-04-13",
         "totalPrice": "420.00", "priceCurrency": "USD"}"""));
    assertEquals("LodgingReservation", o.itemType());
    assertEquals("Hilton San Francisco Union Square", o.name());
    assertEquals(LocalDate.of(2027, 4, 11), o.checkinDate());
    assertEquals(LocalDate.of(2027, 4, 13), o.checkoutDate());
    assertAmount("420.00", o.price());
    assertEquals("San Francisco", o.addressLocality());
  }

  @Test
  void offerOnItsOwnIsNamedAfterWhatItOffers() {
    Offer o = only(extract(null, """
        {"@type": "Offer", "price": "5.00", "priceCurrency": "USD",
         "itemOffered": {"@type": "Product", "name": "Lamp", "brand": {"@type": "Brand", "name": "Lumo"}, "sku": "L-1"}}"""));
    assertEquals("Offer", o.itemType());
    assertEquals("Lamp", o.name());
    assertEquals("Lumo", o.brand());
    assertEquals("L-1", o.sku());
  }

  @Test
  void offerUnderAnotherItemIsNamedAfterIt() {
    Offer o = only(extract("es-CL", """
        {"@type": "Event", "name": "Lina de Lima (streaming)", "location": {"@type": "Place", "name": "Online"},
         "offers": {"@type": "AggregateOffer", "lowPrice": "3340", "highPrice": "3340", "priceCurrency": "CLP"}}"""));
    assertEquals("AggregateOffer", o.itemType());
    assertEquals("Lina de Lima (streaming)", o.name());
    assertAmount("3340", o.price());
  }

  @Test
  void findsProductsNestedInPagesGraphsAndLists() {
    List<Offer> rows = extract(null,
        "{\"@type\": \"ItemPage\", \"mainEntity\": {\"@type\": \"Product\", \"name\": \"A\"}}",
        "{\"@graph\": [{\"@type\": \"WebSite\"}, {\"@type\": \"Product\", \"name\": \"B\"}]}",
        "{\"@type\": \"ItemList\", \"itemListElement\": [{\"@type\": \"ListItem\", \"item\": {\"@type\": \"Product\", \"name\": \"C\"}}]}",
        "{\"@type\": \"Organization\", \"name\": \"Shop\"}",
        "{\"@type\": \"BreadcrumbList\", \"itemListElement\": []}");
    assertEquals(List.of("A", "B", "C"), rows.stream().map(Offer::name).toList());
  }

  @Test
  void relatedProductsAreNotOffered() {
    Offer o = only(extract(null, """
        {"@type": "Product", "name": "Main", "offers": {"@type": "Offer", "price": 10, "priceCurrency": "EUR"},
         "isRelatedTo": [{"@type": "Product", "name": "Other", "offers": {"@type": "Offer", "price": 3}}],
         "isSimilarTo": {"@type": "Product", "name": "Another"}}"""));
    assertEquals("Main", o.name());
  }

  @Test
  void productGroupVariantsAreRowsWithTheGroupsBrand() {
    List<Offer> rows = extract(null, """
        {"@type": "ProductGroup", "name": "Shirt", "brand": {"@type": "Brand", "name": "Acme"}, "productGroupID": "S1",
         "hasVariant": [{"@type": "Product", "name": "Shirt S", "sku": "S1-S", "offers": {"@type": "Offer", "price": 20, "priceCurrency": "EUR"}},
                        {"@type": "Product", "name": "Shirt M", "sku": "S1-M", "offers": {"@type": "Offer", "price": 22, "priceCurrency": "EUR"}}]}""");
    assertEquals(List.of("Shirt", "Shirt S", "Shirt M"), rows.stream().map(Offer::name).toList());
    assertEquals("Acme", rows.get(2).brand());
    assertAmount("22", rows.get(2).price());
  }

  @Test
  void badInputIsSkippedAndWorkIsBounded() {
    assertTrue(extract(null, "not json", "[1, 2", "\"just a string\"", "null", "{}").isEmpty());
    StringBuilder offers = new StringBuilder("{\"@type\": \"Product\", \"name\": \"Many\", \"offers\": [");
    for (int i = 0; i < 5_000; i++) {
      offers.append(i == 0 ? "" : ",").append("{\"@type\": \"Offer\", \"price\": ").append(i).append('}');
    }
    offers.append("]}");
    assertEquals(OfferExtractor.MAX_ROWS, extract(null, offers.toString()).size());
    String deep = "{\"a\":".repeat(10_000) + "{}" + "}".repeat(10_000);
    assertTrue(extract(null, deep).isEmpty());
    String deepProduct = "{\"@type\": \"WebPage\", \"x\": ".repeat(100) + "{\"@type\": \"Product\", \"name\": \"Deep\"}" + "}".repeat(100);
    assertTrue(extract(null, deepProduct).isEmpty(), "nesting deeper than the bound is not followed");
  }

  /** jsoup's fuzzer-found documents, as HTML and as item JSON: nothing throws, each finishes. */
  @Test
  void hostileFilesNeverThrow() throws IOException {
    Path dir = Corpus.require("jsoup").resolve("fuzztests");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertTrue(files.size() >= 40, "fuzz set looks incomplete: " + files.size());
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      if (file.toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
          bytes = in.readNBytes(4 << 20);
        } catch (IOException e) {
          // a truncated gzip: use what the file holds
        }
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        OfferExtractor.extract(List.of(new StructuredItem("json-ld", null, null, text)), null);
        Document doc;
        try {
          doc = Jsoup.parse(text);
        } catch (RuntimeException e) {
          return; // jsoup's own failure, not ours
        }
        OfferExtractor.extract(List.of(), doc, null);
      }, file.toString());
    }
  }

  // ---- the HTML fallback ----

  private static final String PRODUCT_PAGE = """
      <html lang="en-GB"><head><title>Kettle</title></head><body>
      <header><div class="mini-cart"><span class="price">£0.00</span></div></header>
      <h1>Tefal kettle</h1>
      <div class="product">
        <span class="price-label">Price:</span>
        <del class="price">£55.00</del>
        <span id="price_inside_buybox" class="price sale-price">£48.99</span>
        <span class="unit-price">£2.45 / l</span>
        <button id="add-to-cart-button">Add to basket</button>
      </div>
      <div class="related-products"><span class="price">£12.00</span><span class="price">£9.00</span></div>
      </body></html>""";

  @Test
  void htmlFallbackFindsTheShownPrice() {
    Document doc = Jsoup.parse(PRODUCT_PAGE);
    Offer o = only(OfferExtractor.fromHtml(doc, null));
    assertAmount("48.99", o.price());
    assertEquals("GBP", o.currency());
    assertEquals("Tefal kettle", o.name());
    assertNull(o.itemType(), "the page did not type it");
  }

  @Test
  void htmlFallbackNeedsAProductPageForTheHeuristic() {
    Document doc = Jsoup.parse("<html><body><h1>News</h1><p class=\"price-story\">Oil price: $80</p></body></html>");
    assertTrue(OfferExtractor.fromHtml(doc, null).isEmpty());
  }

  @Test
  void htmlFallbackLeavesShoppingWidgetsInArticlesAlone() {
    Document doc = Jsoup.parse("""
        <html><head><meta property="og:type" content="article"></head><body><h1>10 tips for winter</h1>
        <div class="paidbox"><span class="price">19,90 €</span><button class="add-to-cart">Buy</button></div></body></html>""");
    assertTrue(OfferExtractor.fromHtml(doc, null).isEmpty());
  }

  @Test
  void htmlFallbackReadsMicrodataAndMetaFirst() {
    Document microdata = Jsoup.parse("""
        <html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Ukulele</h1>
        <span itemprop="sku">U-1</span>
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
          <meta itemprop="priceCurrency" content="EUR"><span itemprop="price" content="88.00">88,00 €</span>
          <link itemprop="availability" href="https://schema.org/InStock"></div></div>
        <span class="price">€ 1,00</span></body></html>""");
    Offer o = only(OfferExtractor.fromHtml(microdata, null));
    assertAmount("88.00", o.price());
    assertEquals("EUR", o.currency());
    assertEquals("U-1", o.sku());
    assertEquals("InStock", o.availability());

    Document meta = Jsoup.parse("""
        <html><head><meta property="product:price:amount" content="71,91">
        <meta property="product:price:currency" content="EUR"></head><body><h1>Código</h1></body></html>""");
    Offer m = only(OfferExtractor.fromHtml(meta, "pt"));
    assertAmount("71.91", m.price());
    assertEquals("EUR", m.currency());
  }

  @Test
  void structuredPriceWinsAndHtmlFillsOnlyAMissingOne() {
    Document doc = Jsoup.parse(PRODUCT_PAGE);
    List<StructuredItem> priced = List.of(new StructuredItem("json-ld", "Product", null,
        "{\"@type\": \"Product\", \"name\": \"Kettle\", \"offers\": {\"@type\": \"Offer\", \"price\": \"50.00\", \"priceCurrency\": \"GBP\"}}"));
    assertAmount("50.00", only(OfferExtractor.extract(priced, doc, null)).price());

    List<StructuredItem> unpriced = List.of(new StructuredItem("json-ld", "Product", null,
        "{\"@type\": \"Product\", \"name\": \"Kettle\", \"sku\": \"K1\", \"offers\": {\"@type\": \"Offer\", \"availability\": \"InStock\"}}"));
    Offer merged = only(OfferExtractor.extract(unpriced, doc, null));
    assertEquals("Product", merged.itemType());
    assertEquals("K1", merged.sku());
    assertAmount("48.99", merged.price());
    assertEquals("GBP", merged.currency());
    assertEquals("InStock", merged.availability());

    assertAmount("48.99", only(OfferExtractor.extract(List.of(), doc, null)).price());
  }

  @Test
  void htmlFallbackUsesThePageLocaleForSharedSymbols() {
    Document doc = Jsoup.parse("""
        <html lang="es"><head><meta property="og:locale" content="es_CL"><meta property="og:type" content="product"></head>
        <body><h1>Consola</h1><span class="product-price">$24.990</span></body></html>""");
    Offer o = only(OfferExtractor.extract(List.of(), doc, null));
    assertAmount("24990", o.price());
    assertEquals("CLP", o.currency());
  }
}

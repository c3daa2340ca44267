package io.htmllake.schemas;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.createDecimalType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The tables htmllake writes. Each is defined here and nowhere else. */
public final class Tables {

  private Tables() {}

  public static final TableSchema PAGES = TableSchema.builder("pages", "1.0", "One row per HTML document read from the raw zone")
      .required("page_id", StringType, "1.0", "Deterministic id: SHA-256 (first 128 bits, hex) of url + fetch time, or of source uri + offset when the url is unknown")
      .optional("url", StringType, "1.0", "Fetched URL as the crawler recorded it")
      .optional("url_host", StringType, "1.0", "Lower-cased host of url")
      .optional("url_registered_domain", StringType, "1.0", "Registered domain of url_host (public suffix + one label)")
      .optional("fetch_time", TimestampType, "1.0", "When the page was fetched (UTC)")
      .optional("http_status", IntegerType, "1.0", "HTTP status of the fetch")
      .optional("content_type", StringType, "1.0", "MIME type from the Content-Type header, lower case, without parameters")
      .required("charset", StringType, "1.0", "Charset the bytes were decoded with (Java canonical name)")
      .required("charset_source", StringType, "1.0", "Where the charset came from: bom, http, meta, detected, default, or container (the record format carried text, e.g. JSON Lines html)")
      .required("content_length", LongType, "1.0", "Bytes of the (decompressed) payload that were parsed")
      .required("content_sha256", StringType, "1.0", "SHA-256 (hex) of the parsed payload bytes")
      .required("truncated", BooleanType, "1.0", "True when the payload was longer than --max-page-bytes and was cut")
      .optional("title", StringType, "1.0", "Document title (<title>, else og:title); a site name that a separator sets apart is dropped when og:title, the JSON-LD headline, the first <h1> or og:site_name confirms which part it is")
      .optional("description", StringType, "1.0", "Meta description, else og:description, twitter:description or the JSON-LD description")
      .optional("canonical_url", StringType, "1.0", "Absolute URL of <link rel=canonical>")
      .optional("lang", StringType, "1.0", "Document language (html lang, else content-language meta), lower case")
      .optional("robots", StringType, "1.0", "Meta robots directives, lower case")
      .optional("h1", StringType, "1.0", "Text of the first <h1>")
      .optional("author", StringType, "1.0", "Author from the JSON-LD article (several joined with '; '), else meta author, article:author or a byline")
      .optional("published_time", TimestampType, "1.0", "Publication time (UTC) from the JSON-LD datePublished, article:published_time, <time> and similar, else a date in the URL path (midnight UTC)")
      .required("og", createMapType(StringType, StringType, true), "1.0", "OpenGraph and Twitter card properties by full name (og:title, twitter:card, ...)")
      .optional("text", StringType, "1.0", "Visible text of the whole page, one block a line")
      .optional("main_text", StringType, "1.0", "Main content text (Readability-style scoring of the blocks) without navigation, headers, the headline, bylines, footers, asides, share, related and comment blocks, one paragraph a line")
      .required("word_count", IntegerType, "1.0", "Words in main_text")
      .required("outlink_count", IntegerType, "1.0", "Rows this page has in the links table")
      .required("source_uri", StringType, "1.0", "Raw object the page was read from")
      .required("source_offset", LongType, "1.0", "Byte offset of the record in source_uri (0 for one-page objects, line number for JSON Lines)")
      .required("parser_version", StringType, "1.0", "Version of the htmllake parser that produced the row")
      .build();

  public static final TableSchema LINKS = TableSchema.builder("links", "1.0", "One row per outgoing link of a page")
      .required("page_id", StringType, "1.0", "Page the link is on (pages.page_id)")
      .optional("src_url", StringType, "1.0", "URL of the page the link is on")
      .required("dst_url", StringType, "1.0", "Absolute, normalised link target (http and https only)")
      .optional("dst_host", StringType, "1.0", "Lower-cased host of dst_url")
      .optional("anchor_text", StringType, "1.0", "Anchor text with white space collapsed (alt text of an image link when it has none)")
      .optional("rel", StringType, "1.0", "The link's rel attribute, lower case")
      .required("nofollow", BooleanType, "1.0", "rel contains nofollow, ugc or sponsored, or the page's meta robots says nofollow")
      .optional("is_internal", BooleanType, "1.0", "Target has the same registered domain as the page (null when the page url is unknown)")
      .required("position", IntegerType, "1.0", "0-based order of the link in the document")
      .build();

  public static final TableSchema QUARANTINE = TableSchema.builder("quarantine", "1.0", "One row per input record that could not become a row")
      .required("source_uri", StringType, "1.0", "Raw object the record came from")
      .required("source_offset", LongType, "1.0", "Byte offset of the record in source_uri (line number for JSON Lines)")
      .optional("url", StringType, "1.0", "URL of the record when known")
      .required("stage", StringType, "1.0", "Where it failed: read, decode, parse or extract")
      .required("reason", StringType, "1.0", "Stable reason code, e.g. not_html, empty, corrupt_gzip")
      .optional("detail", StringType, "1.0", "Human-readable detail")
      .required("payload_bytes", LongType, "1.0", "Size of the record's payload in bytes as far as it was read")
      .optional("payload_head", BinaryType, "1.0", "First 1 KiB of the payload")
      .build();

  public static final TableSchema STRUCTURED_DATA = TableSchema.builder("structured_data", "1.0",
          "One row per top-level JSON-LD, microdata, RDFa, OpenGraph or Twitter card item of a page")
      .required("page_id", StringType, "1.0", "Page the item is on (pages.page_id)")
      .optional("url", StringType, "1.0", "URL of the page")
      .required("syntax", StringType, "1.0", "json-ld, microdata, rdfa, opengraph or twitter")
      .optional("item_type", StringType, "1.0", "schema.org type, short form (Product, Hotel, NewsArticle, ...); the first of several")
      .optional("item_id", StringType, "1.0", "The item's @id / itemid / resource")
      .required("item_json", StringType, "1.0", "The item as normalised JSON-LD")
      .build();

  public static final TableSchema OFFERS = TableSchema.builder("offers", "1.0",
          "One row per schema.org Product / Offer / AggregateOffer / Hotel / LodgingBusiness / HotelRoom / Accommodation item")
      .required("page_id", StringType, "1.0", "Page the item is on (pages.page_id)")
      .optional("url", StringType, "1.0", "URL of the page")
      .optional("item_type", StringType, "1.0", "schema.org type of the item; null for an offer read from the page's own price markup, with no structured item")
      .optional("name", StringType, "1.0", "Name")
      .optional("brand", StringType, "1.0", "Brand name")
      .optional("sku", StringType, "1.0", "Stock keeping unit")
      .optional("gtin", StringType, "1.0", "GTIN (8, 12, 13 or 14 digits)")
      .optional("mpn", StringType, "1.0", "Manufacturer part number")
      .optional("price", createDecimalType(18, 4), "1.0", "Price; the low price of an AggregateOffer")
      .optional("currency", StringType, "1.0", "ISO 4217 currency code")
      .optional("availability", StringType, "1.0", "schema.org availability short name, e.g. InStock")
      .optional("rating_value", DoubleType, "1.0", "aggregateRating.ratingValue")
      .optional("review_count", LongType, "1.0", "aggregateRating.reviewCount (or ratingCount)")
      .optional("address_locality", StringType, "1.0", "address.addressLocality")
      .optional("address_country", StringType, "1.0", "address.addressCountry")
      .optional("latitude", DoubleType, "1.0", "geo.latitude")
      .optional("longitude", DoubleType, "1.0", "geo.longitude")
      .optional("checkin_date", DateType, "1.0", "checkinTime / checkin date of a lodging offer")
      .optional("checkout_date", DateType, "1.0", "checkoutTime / checkout date of a lodging offer")
      .build();

  /** Every table definition, for snapshots and catalogs. */
  public static final List<TableSchema> ALL = List.of(PAGES, LINKS, STRUCTURED_DATA, OFFERS, QUARANTINE);

  /** Tables written by parse-pages, in write order. */
  public static final List<TableSchema> PARSE_PAGES = List.of(PAGES, LINKS, STRUCTURED_DATA, OFFERS, QUARANTINE);

  public static Optional<TableSchema> byName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return PARSE_PAGES.stream().filter(t -> t.name().equals(wanted)).findFirst();
  }
}

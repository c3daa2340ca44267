package io.htmllake.jobs;

import io.htmllake.parsers.Link;
import io.htmllake.parsers.Offer;
import io.htmllake.parsers.ParsedPage;
import io.htmllake.parsers.Quarantine;
import io.htmllake.parsers.RecordOutcome;
import io.htmllake.parsers.Skipped;
import io.htmllake.parsers.StructuredItem;
import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Maps parser outcomes to Spark rows of one wide "outcome" row per input record, from which every
 * table is a projection. Values are keyed by column name and ordered by the table definition, so a
 * column added to {@link Tables} without a value here fails at once rather than shifting columns.
 */
final class OutcomeRows {

  static final String KIND = "kind";
  static final String PAGE = "page";
  static final String LINKS = "links";
  static final String STRUCTURED_DATA = "structured_data";
  static final String OFFERS = "offers";
  static final String QUARANTINE = "quarantine";
  static final String SKIPPED_KIND = "skipped_kind";

  static final String KIND_PAGE = "page";
  static final String KIND_QUARANTINE = "quarantine";
  static final String KIND_SKIPPED = "skipped";

  static final StructType SCHEMA = new StructType()
      .add(KIND, DataTypes.StringType, false)
      .add(PAGE, Tables.PAGES.structType(), true)
      .add(LINKS, DataTypes.createArrayType(Tables.LINKS.structType(), false), true)
      .add(STRUCTURED_DATA, DataTypes.createArrayType(Tables.STRUCTURED_DATA.structType(), false), true)
      .add(OFFERS, DataTypes.createArrayType(Tables.OFFERS.structType(), false), true)
      .add(QUARANTINE, Tables.QUARANTINE.structType(), true)
      .add(SKIPPED_KIND, DataTypes.StringType, true);

  private OutcomeRows() {}

  static Row of(RecordOutcome outcome) {
    if (outcome instanceof ParsedPage page) {
      List<Row> links = new ArrayList<>(page.links().size());
      for (Link link : page.links()) {
        links.add(link(page, link));
      }
      List<Row> items = new ArrayList<>(page.structuredData().size());
      for (StructuredItem item : page.structuredData()) {
        items.add(structuredItem(page, item));
      }
      List<Row> offers = new ArrayList<>(page.offers().size());
      for (Offer offer : page.offers()) {
        offers.add(offer(page, offer));
      }
      return RowFactory.create(KIND_PAGE, page(page), seq(links), seq(items), seq(offers), null, null);
    }
    if (outcome instanceof Quarantine q) {
      return RowFactory.create(KIND_QUARANTINE, null, null, null, null, quarantine(q), null);
    }
    Skipped skipped = (Skipped) outcome;
    return RowFactory.create(KIND_SKIPPED, null, null, null, null, null, skipped.kind());
  }

  static Row page(ParsedPage p) {
    Map<String, Object> v = new HashMap<>(40);
    v.put("page_id", p.pageId());
    v.put("url", p.url());
    v.put("url_host", p.urlHost());
    v.put("url_registered_domain", p.urlRegisteredDomain());
    v.put("fetch_time", timestamp(p.fetchTime()));
    v.put("http_status", p.httpStatus());
    v.put("content_type", p.contentType());
    v.put("charset", p.charset());
    v.put("charset_source", p.charsetSource().code());
    v.put("content_length", p.contentLength());
    v.put("content_sha256", p.contentSha256());
    v.put("truncated", p.truncated());
    v.put("title", p.title());
    v.put("description", p.description());
    v.put("canonical_url", p.canonicalUrl());
    v.put("lang", p.lang());
    v.put("robots", p.robots());
    v.put("h1", p.h1());
    v.put("author", p.author());
    v.put("published_time", timestamp(p.publishedTime()));
    v.put("og", JavaConverters.mapAsScalaMap(p.og()));
    v.put("text", p.text());
    v.put("main_text", p.mainText());
    v.put("word_count", p.wordCount());
    v.put("outlink_count", p.links().size());
    v.put("source_uri", p.sourceUri());
    v.put("source_offset", p.sourceOffset());
    v.put("parser_version", p.parserVersion());
    return ordered(Tables.PAGES, v);
  }

  static Row link(ParsedPage page, Link l) {
    Map<String, Object> v = new HashMap<>(16);
    v.put("page_id", page.pageId());
    v.put("src_url", page.url());
    v.put("dst_url", l.dstUrl());
    v.put("dst_host", l.dstHost());
    v.put("anchor_text", l.anchorText());
    v.put("rel", l.rel());
    v.put("nofollow", l.nofollow());
    v.put("is_internal", l.internal());
    v.put("position", l.position());
    return ordered(Tables.LINKS, v);
  }

  static Row structuredItem(ParsedPage page, StructuredItem item) {
    Map<String, Object> v = new HashMap<>(8);
    v.put("page_id", page.pageId());
    v.put("url", page.url());
    v.put("syntax", item.syntax());
    v.put("item_type", item.itemType());
    v.put("item_id", item.itemId());
    v.put("item_json", item.json());
    return ordered(Tables.STRUCTURED_DATA, v);
  }

  static Row offer(ParsedPage page, Offer o) {
    Map<String, Object> v = new HashMap<>(32);
    v.put("page_id", page.pageId());
    v.put("url", page.url());
    v.put("item_type", o.itemType());
    v.put("name", o.name());
    v.put("brand", o.brand());
    v.put("sku", o.sku());
    v.put("gtin", o.gtin());
    v.put("mpn", o.mpn());
    v.put("price", price(o.price()));
    v.put("currency", o.currency());
    v.put("availability", o.availability());
    v.put("rating_value", o.ratingValue());
    v.put("review_count", o.reviewCount());
    v.put("address_locality", o.addressLocality());
    v.put("address_country", o.addressCountry());
    v.put("latitude", o.latitude());
    v.put("longitude", o.longitude());
    v.put("checkin_date", date(o.checkinDate()));
    v.put("checkout_date", date(o.checkoutDate()));
    return ordered(Tables.OFFERS, v);
  }

  /** Prices fit decimal(18,4): rounded to 4 places; one too large to be a price is dropped rather than failing the task. */
  static BigDecimal price(BigDecimal price) {
    if (price == null) {
      return null;
    }
    BigDecimal scaled = price.setScale(4, RoundingMode.HALF_UP);
    return scaled.precision() - scaled.scale() > 14 ? null : scaled;
  }

  private static scala.collection.Seq<Row> seq(List<Row> rows) {
    return JavaConverters.asScalaBuffer(rows).toSeq();
  }

  static Row quarantine(Quarantine q) {
    Map<String, Object> v = new HashMap<>(16);
    v.put("source_uri", q.sourceUri());
    v.put("source_offset", q.sourceOffset());
    v.put("url", q.url());
    v.put("stage", q.stage().code());
    v.put("reason", q.reason());
    v.put("detail", q.detail());
    v.put("payload_bytes", q.payloadBytes());
    v.put("payload_head", q.payloadHead());
    return ordered(Tables.QUARANTINE, v);
  }

  private static Row ordered(TableSchema table, Map<String, Object> values) {
    List<Column> columns = table.columns();
    if (values.size() != columns.size()) {
      throw new IllegalStateException("Cannot build " + table + " row: " + values.size() + " values for " + columns.size()
          + " columns " + table.columnNames() + " (have " + values.keySet() + ")");
    }
    Object[] ordered = new Object[columns.size()];
    for (int i = 0; i < ordered.length; i++) {
      String name = columns.get(i).name();
      if (!values.containsKey(name)) {
        throw new IllegalStateException("Cannot build " + table + " row: no value for column " + name);
      }
      ordered[i] = values.get(name);
    }
    return RowFactory.create(ordered);
  }

  /** Spark refuses to write Parquet times before the Gregorian switch (rebase mode EXCEPTION): such a value is junk anyway. */
  private static final Instant EARLIEST = Instant.parse("1583-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static Timestamp timestamp(Instant instant) {
    return instant == null || instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? null : Timestamp.from(instant);
  }

  private static java.sql.Date date(java.time.LocalDate date) {
    return date == null || date.getYear() < 1583 || date.getYear() > 9999 ? null : java.sql.Date.valueOf(date);
  }
}

package io.htmllake.jobs;

import io.htmllake.parsers.PriceParser;
import io.htmllake.parsers.Quarantine;
import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.ReadItem;
import io.htmllake.parsers.Skipped;
import io.htmllake.parsers.spec.ExtractorSpec;
import io.htmllake.parsers.spec.FieldSpec;
import io.htmllake.parsers.spec.FieldType;
import io.htmllake.parsers.spec.SpecExtractor;
import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The Spark side of an extraction spec: the table it compiles to, its quarantine table, the
 * outcome row of one record, and the schema fingerprint that tells additive changes from others.
 *
 * <p>Table {@code <table>_v<version>}: {@code page_id}, {@code url}, {@code row_index} (specs with a
 * row selector), then one column per field in spec order; a price field P is {@code P_amount
 * decimal(18,4)} and {@code P_currency string}. Required fields are non-null columns.
 */
final class SpecTable {

  static final String KIND = "kind";
  static final String ROWS = "rows";
  static final String QUARANTINE = "quarantine";
  static final String SKIPPED_KIND = "skipped_kind";
  static final String KIND_PAGE = "page";
  static final String KIND_QUARANTINE = "quarantine";
  static final String KIND_SKIPPED = "skipped";

  private SpecTable() {}

  static TableSchema table(ExtractorSpec spec) {
    String since = spec.version() + ".0";
    TableSchema.Builder b = TableSchema.builder(spec.versionedTable(), since,
        spec.description() != null ? spec.description() : "Rows extracted by the spec " + spec.file());
    b.required("page_id", DataTypes.StringType, since, "Id of the page the row was read from (as in the pages table)");
    b.optional("url", DataTypes.StringType, since, "Page URL: the fetched URL, else the page's <base href>, normalised");
    if (spec.row() != null) {
      b.required("row_index", DataTypes.IntegerType, since, "Position of the row element among the page's matches of " + spec.rowCss());
    }
    for (FieldSpec f : spec.fields()) {
      if (f.type().kind() == FieldType.Kind.PRICE) {
        add(b, f.name() + "_amount", DataTypes.createDecimalType(18, 4), f.required(), since, f.description() + " (amount)");
        add(b, f.name() + "_currency", DataTypes.StringType, false, since, f.description() + " (ISO 4217 currency, when known)");
      } else {
        add(b, f.name(), sparkType(f.type()), f.required(), since, f.description());
      }
    }
    return b.build();
  }

  /** The quarantine table of a spec: parse-pages' quarantine columns, its own name so runs never overwrite each other. */
  static TableSchema quarantine(ExtractorSpec spec) {
    return quarantine(spec.versionedTable(), spec.file());
  }

  /** As {@link #quarantine(ExtractorSpec)}, from the spec table's name and the spec's file (as a run manifest keeps them). */
  static TableSchema quarantine(String versionedTable, String specFile) {
    TableSchema.Builder b = TableSchema.builder(versionedTable + "_quarantine", Tables.QUARANTINE.version(),
        "Records and rows the spec " + specFile + " could not turn into rows of " + versionedTable);
    for (Column c : Tables.QUARANTINE.columns()) {
      add(b, c.name(), c.type(), !c.nullable(), c.since(), c.description());
    }
    return b.build();
  }

  private static void add(TableSchema.Builder b, String name, DataType type, boolean required, String since, String description) {
    if (required) {
      b.required(name, type, since, description);
    } else {
      b.optional(name, type, since, description);
    }
  }

  static DataType sparkType(FieldType t) {
    DataType scalar = switch (t.kind()) {
      case STRING, URL -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> DataTypes.createDecimalType(t.precision(), t.scale());
      case BOOLEAN -> DataTypes.BooleanType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case PRICE -> throw new IllegalArgumentException("Cannot map price to one column: it is two");
    };
    return t.list() ? DataTypes.createArrayType(scalar, false) : scalar;
  }

  /** One record's outcome: the rows and quarantine rows it gives, or why it was skipped. */
  static StructType outcomeSchema(TableSchema table, TableSchema quarantine) {
    return new StructType()
        .add(KIND, DataTypes.StringType, false)
        .add(ROWS, DataTypes.createArrayType(table.structType(), false), false)
        .add(QUARANTINE, DataTypes.createArrayType(quarantine.structType(), false), false)
        .add(SKIPPED_KIND, DataTypes.StringType, true);
  }

  static Row outcome(ExtractorSpec spec, SpecExtractor extractor, ReadItem item) {
    if (item instanceof Skipped s) {
      return skipped(s.kind());
    }
    if (item instanceof Quarantine q) {
      // A record that could not be read: kept when it may be one of the spec's pages.
      return q.url() != null && !spec.matches(q.url()) ? skipped(SpecExtractor.NOT_MATCHED) : quarantined(List.of(q));
    }
    SpecExtractor.Extraction e = extractor.extract((RawRecord) item);
    if (e instanceof SpecExtractor.NotMatched) {
      return skipped(SpecExtractor.NOT_MATCHED);
    }
    if (e instanceof SpecExtractor.Failed f) {
      return quarantined(List.of(f.quarantine()));
    }
    SpecExtractor.Extracted page = (SpecExtractor.Extracted) e;
    List<Row> rows = new ArrayList<>(page.rows().size());
    for (SpecExtractor.ExtractedRow r : page.rows()) {
      rows.add(row(spec, page.pageId(), page.url(), r));
    }
    List<Row> quarantined = new ArrayList<>(page.quarantined().size());
    for (Quarantine q : page.quarantined()) {
      quarantined.add(OutcomeRows.quarantine(q));
    }
    return RowFactory.create(KIND_PAGE, seq(rows), seq(quarantined), null);
  }

  private static Row skipped(String kind) {
    return RowFactory.create(KIND_SKIPPED, seq(List.of()), seq(List.of()), kind);
  }

  private static Row quarantined(List<Quarantine> q) {
    return RowFactory.create(KIND_QUARANTINE, seq(List.of()), seq(q.stream().map(OutcomeRows::quarantine).toList()), null);
  }

  static Row row(ExtractorSpec spec, String pageId, String url, SpecExtractor.ExtractedRow r) {
    List<Object> values = new ArrayList<>(spec.fields().size() + 4);
    values.add(pageId);
    values.add(url);
    if (spec.row() != null) {
      values.add(r.index());
    }
    for (int i = 0; i < spec.fields().size(); i++) {
      FieldSpec f = spec.fields().get(i);
      Object v = r.values().get(i);
      if (f.type().kind() == FieldType.Kind.PRICE) {
        PriceParser.Price p = (PriceParser.Price) v;
        values.add(p == null ? null : p.amount());
        values.add(p == null ? null : p.currency());
      } else if (v instanceof List<?> list) {
        List<Object> converted = new ArrayList<>(list.size());
        list.forEach(x -> converted.add(spark(x)));
        values.add(seq(converted));
      } else {
        values.add(spark(v));
      }
    }
    return RowFactory.create(values.toArray());
  }

  private static Object spark(Object v) {
    if (v instanceof LocalDate d) {
      return Date.valueOf(d);
    }
    if (v instanceof Instant i) {
      return Timestamp.from(i);
    }
    return v; // String, Integer, Long, Double, BigDecimal (scaled to the column) and Boolean are Spark's own
  }

  private static <T> scala.collection.Seq<T> seq(List<T> rows) {
    return JavaConverters.asScalaBuffer(rows).toSeq();
  }

  /** SHA-256 (first 64 bits, hex) of the columns' names, types and nullability, in order. */
  static String fingerprint(TableSchema table) {
    StringBuilder b = new StringBuilder();
    for (Column c : table.columns()) {
      b.append(c.name()).append(' ').append(c.type().catalogString()).append(' ').append(c.nullable()).append('\n');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint " + table + ": the JVM has no SHA-256", e);
    }
  }
}

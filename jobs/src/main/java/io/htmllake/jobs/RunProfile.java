package io.htmllake.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The figures of a parse-pages run that the manifest's counts do not hold — pages per host,
 * charset, charset source and language distributions, extraction coverage, quarantine by reason
 * and stage with example sources, and offer prices per currency — gathered from the cached outcome
 * rows in two small aggregations and stored in the manifest under {@code profile}, so the run report
 * and its trend over dates read manifests only.
 */
final class RunProfile {

  /** Values kept per distribution (hosts, charsets, languages); the manifest also states how many there were. */
  static final int TOP = 20;
  /** Quarantine reasons are few; all of them are kept, up to this many (reason, stage) pairs. */
  static final int MAX_QUARANTINE_GROUPS = 100;
  static final int MAX_CURRENCIES = 20;
  static final String NONE = "(none)";

  /** Distribution dimensions, in the order the manifest lists them, and their names there. */
  static final Map<String, String> DISTRIBUTIONS = Map.of("host", "hosts", "charset", "charsets",
      "charset_source", "charset_sources", "lang", "languages");
  static final List<String> COVERAGE = List.of("main_text", "title", "author", "published_time", "structured_data", "offers");

  private RunProfile() {}

  static Map<String, Object> of(Dataset<Row> outcomes) {
    Map<String, Object> profile = new LinkedHashMap<>();
    List<Row> groups = groups(outcomes);
    long pages = 0;
    Map<String, Map<String, Object>> distributions = new LinkedHashMap<>();
    for (String dim : List.of("host", "charset", "charset_source", "lang")) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("distinct", 0L);
      d.put("top", new ArrayList<Map<String, Object>>());
      distributions.put(dim, d);
    }
    Map<String, Long> coverage = new LinkedHashMap<>();
    COVERAGE.forEach(c -> coverage.put(c, 0L));
    List<Map<String, Object>> quarantine = new ArrayList<>();
    for (Row g : groups) {
      String dim = g.getString(g.fieldIndex("dim"));
      String key = g.getString(g.fieldIndex("key"));
      long n = g.getLong(g.fieldIndex("n"));
      switch (dim) {
        case "pages" -> pages = n;
        case "coverage" -> coverage.put(key, n);
        case "quarantine" -> {
          Map<String, Object> q = new LinkedHashMap<>();
          q.put("stage", g.getString(g.fieldIndex("sub")));
          q.put("reason", key);
          q.put("records", n);
          TreeSet<String> examples = new TreeSet<>();
          for (String f : List.of("ex1", "ex2", "ex3")) {
            if (!g.isNullAt(g.fieldIndex(f))) {
              examples.add(g.getString(g.fieldIndex(f)));
            }
          }
          q.put("examples", new ArrayList<>(examples));
          quarantine.add(q);
        }
        default -> {
          Map<String, Object> d = distributions.get(dim);
          d.put("distinct", g.getLong(g.fieldIndex("distinct")));
          Map<String, Object> value = new LinkedHashMap<>();
          value.put("value", key);
          value.put("pages", n);
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> top = (List<Map<String, Object>>) d.get("top");
          top.add(value);
        }
      }
    }
    profile.put("pages", pages);
    distributions.forEach((dim, d) -> profile.put(DISTRIBUTIONS.get(dim), d));
    profile.put("coverage", coverage);
    profile.put("quarantine", quarantine);
    profile.put("prices", prices(outcomes));
    return profile;
  }

  /** One row per (dimension, value) kept: its count, and for quarantine up to three example sources. */
  private static List<Row> groups(Dataset<Row> outcomes) {
    Column page = col(OutcomeRows.PAGE);
    Column q = col(OutcomeRows.QUARANTINE);
    Column isPage = col(OutcomeRows.KIND).equalTo(OutcomeRows.KIND_PAGE);
    Column isQuarantine = col(OutcomeRows.KIND).equalTo(OutcomeRows.KIND_QUARANTINE);
    Column example = concat(coalesce(q.getField("source_uri"), lit(NONE)),
        when(q.getField("source_offset").gt(0), concat(lit("#offset="), q.getField("source_offset").cast("string"))).otherwise(lit("")));
    Column entries = when(isPage, array(
        entry("pages", lit("pages"), isPage),
        entry("host", page.getField("url_host"), isPage),
        entry("charset", page.getField("charset"), isPage),
        entry("charset_source", page.getField("charset_source"), isPage),
        entry("lang", lower(page.getField("lang")), isPage),
        entry("coverage", lit("main_text"), present(page.getField("main_text"))),
        entry("coverage", lit("title"), present(page.getField("title"))),
        entry("coverage", lit("author"), present(page.getField("author"))),
        entry("coverage", lit("published_time"), page.getField("published_time").isNotNull()),
        entry("coverage", lit("structured_data"), coalesce(size(col(OutcomeRows.STRUCTURED_DATA)), lit(0)).gt(0)),
        entry("coverage", lit("offers"), coalesce(size(col(OutcomeRows.OFFERS)), lit(0)).gt(0))))
        .when(isQuarantine, array(struct(lit("quarantine").as("dim"), coalesce(q.getField("reason"), lit(NONE)).as("key"),
            coalesce(q.getField("stage"), lit(NONE)).as("sub"), example.as("example"))));
    Dataset<Row> counted = outcomes.select(explode(entries).as("e"))
        .where(col("e").isNotNull())
        .groupBy(col("e.dim").as("dim"), col("e.key").as("key"), col("e.sub").as("sub"))
        .agg(count("*").as("n"), min("e.example").as("ex1"), max("e.example").as("ex2"),
            expr("min_by(e.example, xxhash64(e.example))").as("ex3"));
    WindowSpec byDim = Window.partitionBy("dim");
    return counted
        .withColumn("rank", row_number().over(byDim.orderBy(col("n").desc(), col("key"), col("sub"))))
        .withColumn("distinct", count("*").over(byDim))
        .where(col("rank").leq(when(col("dim").equalTo("quarantine"), lit(MAX_QUARANTINE_GROUPS)).otherwise(lit(TOP))))
        .orderBy("dim", "rank")
        .collectAsList();
  }

  private static Column entry(String dim, Column key, Column when) {
    return when(when, struct(lit(dim).as("dim"), coalesce(key, lit(NONE)).as("key"),
        lit(null).cast(DataTypes.StringType).as("sub"), lit(null).cast(DataTypes.StringType).as("example")));
  }

  private static Column present(Column text) {
    return text.isNotNull().and(length(trim(text)).gt(0));
  }

  /** Per currency (the most frequent first): offers with a price, and their minimum, quartiles and maximum. */
  private static List<Map<String, Object>> prices(Dataset<Row> outcomes) {
    List<Row> rows = outcomes.where(col(OutcomeRows.KIND).equalTo(OutcomeRows.KIND_PAGE))
        .select(explode(col(OutcomeRows.OFFERS)).as("o"))
        .where(col("o.price").isNotNull())
        .select(coalesce(col("o.currency"), lit(NONE)).as("currency"), col("o.price").cast("double").as("price"))
        .groupBy("currency")
        .agg(count("*").as("offers"), min("price").as("min"), max("price").as("max"),
            expr("percentile_approx(price, array(0.25, 0.5, 0.75), 10000)").as("q"))
        .orderBy(col("offers").desc(), col("currency"))
        .limit(MAX_CURRENCIES)
        .collectAsList();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Double> q = r.getList(r.fieldIndex("q"));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("currency", r.getString(0));
      m.put("offers", r.getLong(r.fieldIndex("offers")));
      m.put("min", r.getDouble(r.fieldIndex("min")));
      m.put("p25", q.get(0));
      m.put("median", q.get(1));
      m.put("p75", q.get(2));
      m.put("max", r.getDouble(r.fieldIndex("max")));
      out.add(m);
    }
    return out;
  }
}

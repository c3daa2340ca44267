package io.htmllake.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.to_json;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Whole-DataFrame comparison through spark-testing-base (its JUnit 4 based Java API, used here as a
 * plain assertion library under JUnit 5: no runner, no ScalaTest).
 */
public final class DataFrames {

  private static final JavaDataFrameSuiteBase COMPARE = new JavaDataFrameSuiteBase();

  private DataFrames() {}

  /**
   * Asserts the same column names and types and the same multiset of rows, in any order. Column
   * metadata is ignored, and maps are compared as their key-sorted JSON (maps are not orderable).
   */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    COMPARE.assertDataFrameNoOrderEquals(comparable(expected), comparable(actual));
  }

  static Dataset<Row> comparable(Dataset<Row> df) {
    Column[] columns = Arrays.stream(df.schema().fields()).map(f -> {
      Column c = col("`" + f.name() + "`");
      if (f.dataType() instanceof MapType) {
        c = to_json(map_from_entries(array_sort(map_entries(c))));
      }
      return c.as(f.name());
    }).toArray(Column[]::new);
    Dataset<Row> selected = df.select(columns);
    // Spark drops a same-name alias, so metadata is cleared by re-applying a bare schema instead.
    StructType bare = new StructType(Arrays.stream(selected.schema().fields())
        .map(f -> new StructField(f.name(), f.dataType(), true, Metadata.empty())).toArray(StructField[]::new));
    return SharedSpark.get().createDataFrame(selected.javaRDD(), bare);
  }

  /** Builds a DataFrame from JSON lines with the given schema, the way expectations are written in tests. */
  public static Dataset<Row> fromJson(StructType schema, String... jsonLines) {
    List<String> lines = Arrays.asList(jsonLines);
    return SharedSpark.get().read().schema(schema).option("mode", "FAILFAST")
        .json(SharedSpark.get().createDataset(lines, Encoders.STRING()));
  }
}

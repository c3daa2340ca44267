package io.htmllake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** How a registered table's columns compare with the definition: the rules register acts on. */
class SchemaChangeTest {

  private static final StructType REGISTERED = StructType.fromDDL("id STRING, n BIGINT, price DECIMAL(18,4)");

  private static TableSchema.Builder v(String version) {
    return TableSchema.builder("events", version, "test table")
        .required("id", DataTypes.StringType, "1.0", "id")
        .optional("n", DataTypes.LongType, "1.0", "count")
        .optional("price", DataTypes.createDecimalType(18, 4), "1.0", "price");
  }

  @Test
  void sameColumnsAreSameWhateverTheCaseAndNullability() {
    StructType upper = StructType.fromDDL("ID STRING NOT NULL, N BIGINT, PRICE DECIMAL(18,4)");
    assertInstanceOf(SchemaChange.Same.class, SchemaChange.of(upper, "1.0", v("1.0").build()));
  }

  @Test
  void newNullableColumnsAtTheEndAreAdditive() {
    TableSchema v11 = v("1.1").optional("referrer", DataTypes.StringType, "1.1", "referrer")
        .optional("tags", DataTypes.createArrayType(DataTypes.StringType), "1.1", "tags").build();
    SchemaChange change = SchemaChange.of(REGISTERED, "1.0", v11);
    SchemaChange.Additive additive = assertInstanceOf(SchemaChange.Additive.class, change);
    assertEquals(List.of("referrer", "tags"), additive.columns().stream().map(Column::name).toList());
  }

  @Test
  void registeredColumnsBeyondTheDefinitionAreNewer() {
    StructType newer = REGISTERED.add("referrer", DataTypes.StringType);
    SchemaChange.Newer change = assertInstanceOf(SchemaChange.Newer.class, SchemaChange.of(newer, "1.1", v("1.0").build()));
    assertEquals(List.of("referrer"), change.columns());
  }

  @Test
  void anotherMajorVersionIsBreaking() {
    SchemaChange.Breaking change = assertInstanceOf(SchemaChange.Breaking.class, SchemaChange.of(REGISTERED, "1.3", v("2.0").build()));
    assertTrue(change.reason().contains("1.3") && change.reason().contains("2.0"), change.reason());
  }

  @Test
  void aChangedTypeIsBreakingAndNamesTheColumn() {
    StructType changed = StructType.fromDDL("id STRING, n INT, price DECIMAL(18,4)");
    SchemaChange.Breaking change = assertInstanceOf(SchemaChange.Breaking.class, SchemaChange.of(changed, "1.0", v("1.0").build()));
    assertEquals("column n is int in the catalog, bigint in schema 1.0", change.reason());
  }

  @Test
  void aRenamedOrMovedColumnIsBreaking() {
    StructType moved = StructType.fromDDL("id STRING, price DECIMAL(18,4), n BIGINT");
    SchemaChange.Breaking change = assertInstanceOf(SchemaChange.Breaking.class, SchemaChange.of(moved, null, v("1.0").build()));
    assertEquals("column 2 is price in the catalog, n in schema 1.0", change.reason());
  }

  @Test
  void aNewRequiredColumnIsBreaking() {
    TableSchema required = v("1.1").required("kind", DataTypes.StringType, "1.1", "kind").build();
    SchemaChange.Breaking change = assertInstanceOf(SchemaChange.Breaking.class, SchemaChange.of(REGISTERED, "1.0", required));
    assertTrue(change.reason().contains("kind") && change.reason().contains("not nullable"), change.reason());
  }
}

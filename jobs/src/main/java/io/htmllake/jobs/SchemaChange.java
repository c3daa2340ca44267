package io.htmllake.jobs;

import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How a registered table's data columns relate to the table's definition in {@code schemas/}:
 * the same, behind by columns a newer minor version added (registering adds them), ahead (a newer
 * htmllake registered it; left alone), or incompatible (refused). Columns compare by name
 * (case-insensitive, as catalogs store them) and type, in order; nullability and comments do not
 * count.
 */
sealed interface SchemaChange {

  record Same() implements SchemaChange {}

  /** The definition has these columns after the registered ones. */
  record Additive(List<Column> columns) implements SchemaChange {}

  /** The registered table has columns after the definition's: a newer minor version registered it. */
  record Newer(List<String> columns) implements SchemaChange {}

  record Breaking(String reason) implements SchemaChange {}

  /**
   * @param registered the registered table's data columns (without {@code dt})
   * @param registeredVersion the registered {@code htmllake.schema_version}, or null when the table has none
   * @param definition the table as htmllake defines it now
   */
  static SchemaChange of(StructType registered, String registeredVersion, TableSchema definition) {
    if (registeredVersion != null) {
      String major = registeredVersion.contains(".") ? registeredVersion.substring(0, registeredVersion.indexOf('.')) : registeredVersion;
      if (!major.equals(Integer.toString(definition.majorVersion()))) {
        return new Breaking("it is registered with schema version " + registeredVersion + ", htmllake defines "
            + definition.version() + " (a new major version is not compatible)");
      }
    }
    StructField[] fields = registered.fields();
    List<Column> columns = definition.columns();
    int common = Math.min(fields.length, columns.size());
    for (int i = 0; i < common; i++) {
      StructField field = fields[i];
      Column column = columns.get(i);
      if (!field.name().toLowerCase(Locale.ROOT).equals(column.name())) {
        return new Breaking("column " + (i + 1) + " is " + field.name() + " in the catalog, " + column.name() + " in schema "
            + definition.version());
      }
      String registeredType = TableDdl.hiveTypeOrName(field.dataType());
      String definedType = TableDdl.hiveType(column.type());
      if (!registeredType.equals(definedType)) {
        return new Breaking("column " + column.name() + " is " + registeredType + " in the catalog, " + definedType + " in schema "
            + definition.version());
      }
    }
    if (fields.length == columns.size()) {
      return new Same();
    }
    if (fields.length > columns.size()) {
      List<String> extra = java.util.Arrays.stream(fields).skip(columns.size()).map(StructField::name).toList();
      return new Newer(extra);
    }
    List<Column> added = columns.subList(fields.length, columns.size());
    for (Column c : added) {
      if (!c.nullable()) {
        return new Breaking("new column " + c.name() + " is not nullable, so the rows already written cannot have it");
      }
    }
    return new Additive(List.copyOf(added));
  }
}

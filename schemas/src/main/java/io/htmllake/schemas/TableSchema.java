package io.htmllake.schemas;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A versioned table definition: the single place a table's columns are declared. Within a major
 * version only additive changes are allowed (new nullable columns with a newer {@code since}).
 * The partition column {@code dt} is not part of the data columns; writers add it.
 */
public final class TableSchema {

  /** Name of the Hive-style date partition column every table has. */
  public static final String PARTITION_COLUMN = "dt";

  private final String name;
  private final String version;
  private final String description;
  private final List<Column> columns;

  private TableSchema(String name, String version, String description, List<Column> columns) {
    this.name = name;
    this.version = version;
    this.description = description;
    this.columns = List.copyOf(columns);
  }

  public static Builder builder(String name, String version, String description) {
    return new Builder(name, version, description);
  }

  public String name() {
    return name;
  }

  /** Schema version, {@code major.minor}; minor versions only add nullable columns. */
  public String version() {
    return version;
  }

  public int majorVersion() {
    return Integer.parseInt(version.substring(0, version.indexOf('.')));
  }

  public String description() {
    return description;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** The data columns as a Spark schema, with description and since-version in each field's metadata. */
  public StructType structType() {
    return new StructType(columns.stream().map(Column::toField).toArray(StructField[]::new));
  }

  /** The data columns plus the {@code dt} partition column, as read back from the lake. */
  public StructType structTypeWithPartition() {
    return structType().add(PARTITION_COLUMN, DataTypes.StringType, false);
  }

  @Override
  public String toString() {
    return name + " v" + version;
  }

  /** Collects columns in order and rejects duplicates. */
  public static final class Builder {
    private final String name;
    private final String version;
    private final String description;
    private final List<Column> columns = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();

    private Builder(String name, String version, String description) {
      this.name = Objects.requireNonNull(name, "name");
      this.version = Objects.requireNonNull(version, "version");
      this.description = Objects.requireNonNull(description, "description");
      if (!version.matches("\\d+\\.\\d+")) {
        throw new IllegalArgumentException("Cannot define table " + name + ": version must be major.minor (" + version + ")");
      }
    }

    public Builder required(String column, DataType type, String since, String description) {
      return add(new Column(column, type, false, description, since));
    }

    public Builder optional(String column, DataType type, String since, String description) {
      return add(new Column(column, type, true, description, since));
    }

    private Builder add(Column column) {
      if (column.name().equals(PARTITION_COLUMN) || !names.add(column.name())) {
        throw new IllegalArgumentException("Cannot define table " + name + ": duplicate or reserved column " + column.name());
      }
      columns.add(column);
      return this;
    }

    public TableSchema build() {
      return new TableSchema(name, version, description, columns);
    }
  }
}

package io.htmllake.schemas;

import java.util.Objects;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/** One column of a table: its Spark type, whether it may be null, what it means, and since when it exists. */
public record Column(String name, DataType type, boolean nullable, String description, String since) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(since, "since");
    if (description.isBlank()) {
      throw new IllegalArgumentException("Cannot define column " + name + ": description is blank");
    }
  }

  public StructField toField() {
    Metadata metadata = new MetadataBuilder()
        .putString("description", description)
        .putString("since", since)
        .build();
    return new StructField(name, type, nullable, metadata);
  }
}

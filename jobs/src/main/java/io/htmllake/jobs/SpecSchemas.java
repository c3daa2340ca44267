package io.htmllake.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.htmllake.parsers.spec.ExtractorSpec;
import io.htmllake.schemas.Column;
import io.htmllake.schemas.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The compiled schema each spec table was last written with, kept at
 * {@code <output>/_specs/<table>_v<version>.json} (beside {@code _runs/}, outside the table so no
 * table format counts it as data): columns, fingerprint, the spec file and its SHA-256. A run
 * whose spec compiles to a different schema under the same version is refused unless the change
 * is additive: every stored column still there with the same type, no column turned from nullable
 * to required, and every new column nullable (older dates have no value for it).
 */
final class SpecSchemas {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpecSchemas() {}

  static String path(String output, ExtractorSpec spec) {
    return Paths.join(output, "_specs", spec.versionedTable() + ".json");
  }

  /**
   * @return the changes that are not additive (empty when the stored schema is absent, equal, or grown additively)
   */
  static List<String> incompatibleChanges(Map<String, Object> stored, TableSchema table) {
    List<String> problems = new ArrayList<>();
    Map<String, Column> now = new LinkedHashMap<>();
    table.columns().forEach(c -> now.put(c.name(), c));
    Map<String, Map<String, Object>> before = new LinkedHashMap<>();
    for (Object o : (List<?>) stored.getOrDefault("columns", List.of())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      before.put((String) c.get("name"), c);
    }
    for (Map.Entry<String, Map<String, Object>> e : before.entrySet()) {
      Column c = now.get(e.getKey());
      String type = (String) e.getValue().get("type");
      if (c == null) {
        problems.add("column " + e.getKey() + " (" + type + ") was removed");
      } else if (!c.type().catalogString().equals(type)) {
        problems.add("column " + e.getKey() + " changed type from " + type + " to " + c.type().catalogString());
      } else if (!c.nullable() && Boolean.TRUE.equals(e.getValue().get("nullable"))) {
        problems.add("column " + e.getKey() + " became required (older rows may have no value)");
      }
    }
    for (Column c : table.columns()) {
      if (!before.containsKey(c.name()) && !c.nullable()) {
        problems.add("new column " + c.name() + " is required (older dates have no value for it)");
      }
    }
    return problems;
  }

  static Map<String, Object> read(Configuration conf, String uri) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      return null;
    }
    try (InputStream in = fs.open(path)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JSON.readValue(in, Map.class);
      return m;
    }
  }

  static Map<String, Object> describe(ExtractorSpec spec, TableSchema table) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", table.name());
    m.put("spec_table", spec.table());
    m.put("version", spec.version());
    m.put("fingerprint", SpecTable.fingerprint(table));
    m.put("spec_file", spec.file());
    m.put("spec_sha256", spec.textSha256());
    List<Map<String, Object>> columns = new ArrayList<>();
    for (Column c : table.columns()) {
      Map<String, Object> col = new LinkedHashMap<>();
      col.put("name", c.name());
      col.put("type", c.type().catalogString());
      col.put("nullable", c.nullable());
      col.put("description", c.description());
      columns.add(col);
    }
    m.put("columns", columns);
    return m;
  }

  /**
   * The table a stored description ({@link #describe}, as in {@code _specs/} and extract's run
   * manifest) stands for: its name and columns with their types and nullability, so that a later
   * job (verify) can read the table without the spec file, which may have changed since.
   */
  static TableSchema table(Map<String, Object> described) {
    String name = String.valueOf(described.get("table"));
    String since = described.get("version") + ".0";
    TableSchema.Builder b = TableSchema.builder(name, since, "Rows extracted by the spec " + described.get("spec_file"));
    for (Object o : (List<?>) described.getOrDefault("columns", List.of())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      String column = String.valueOf(c.get("name"));
      org.apache.spark.sql.types.DataType type =
          org.apache.spark.sql.types.DataType.fromDDL(String.valueOf(c.get("type")));
      String description = String.valueOf(c.getOrDefault("description", ""));
      if (Boolean.FALSE.equals(c.get("nullable"))) {
        b.required(column, type, since, description);
      } else {
        b.optional(column, type, since, description);
      }
    }
    return b.build();
  }

  static void write(Configuration conf, String uri, Map<String, Object> schema) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>(schema);
    m.put("updated_at", Instant.now().toString());
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
    fs.setWriteChecksum(false);
    try (OutputStream out = fs.create(path, true)) {
      out.write(JSON.writeValueAsBytes(m));
    }
  }
}

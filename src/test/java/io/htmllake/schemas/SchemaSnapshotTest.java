package io.htmllake.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catches unintended schema changes: each table's definition (version, columns, types,
 * nullability, descriptions) must equal its checked-in snapshot. After an intended change, bump
 * the version as the evolution rules require and refresh the snapshots with
 * {@code mvn test -Dtest=SchemaSnapshotTest -Dhtmllake.updateSnapshots=true}.
 */
class SchemaSnapshotTest {

  private static final Path SNAPSHOTS = Path.of("src/test/resources/schema-snapshots");

  static Stream<TableSchema> tables() {
    return Tables.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void definitionEqualsSnapshot(TableSchema table) throws IOException {
    String actual = "{\"table\":\"" + table.name() + "\",\"version\":\"" + table.version() + "\",\"schema\":"
        + table.structType().prettyJson() + "}\n";
    Path snapshot = SNAPSHOTS.resolve(table.name() + ".json");
    if (Boolean.getBoolean("htmllake.updateSnapshots")) {
      Files.createDirectories(SNAPSHOTS);
      Files.writeString(snapshot, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(snapshot), "No snapshot for " + table + " at " + snapshot + "; create it with -Dhtmllake.updateSnapshots=true");
    assertEquals(Files.readString(snapshot, StandardCharsets.UTF_8), actual,
        "Schema of " + table + " changed. If intended: bump its version (minor for added nullable columns, major otherwise) and refresh the snapshot.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void columnsAreNoNewerThanTheTable(TableSchema table) {
    for (Column c : table.columns()) {
      assertTrue(compare(c.since(), table.version()) <= 0, c.name() + " is since " + c.since() + " but " + table + " is older");
      assertFalse(c.description().isBlank(), c.name());
      if (!c.since().equals(table.majorVersion() + ".0")) {
        assertTrue(c.nullable(), c.name() + " was added in a minor version, so it must be nullable (additive evolution)");
      }
    }
  }

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }
}

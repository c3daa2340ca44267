package io.htmllake.jobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schema enforcement for Delta tables: a run may add columns (also inside structs) to an existing
 * table, within a schema's major version, but never drop one or change its type. Delta's own
 * {@code mergeSchema} would also accept a dropped column (old rows keep it, new rows get null), so
 * the check is made here, before the write, and {@code mergeSchema} is only turned on when needed.
 */
final class DeltaSchemas {

  private DeltaSchemas() {}

  /**
   * @return whether {@code incoming} adds columns to {@code existing} (so the write needs mergeSchema)
   * @throws JobException (exit 2) when a column is missing or has another type
   */
  static boolean requireAdditive(String table, String path, StructType existing, StructType incoming) {
    List<String> problems = new ArrayList<>();
    boolean added = compare("", existing, incoming, problems);
    if (!problems.isEmpty()) {
      throw new JobException(ExitCode.BAD_ARGUMENTS, "Cannot write " + table + ": only additive schema changes are allowed"
          + " within a schema version, and the Delta table at " + path + " differs: " + String.join("; ", problems));
    }
    return added;
  }

  private static boolean compare(String prefix, StructType existing, StructType incoming, List<String> problems) {
    boolean added = false;
    for (StructField old : existing.fields()) {
      int i = indexOf(incoming, old.name());
      if (i < 0) {
        problems.add("column " + prefix + old.name() + " is missing");
        continue;
      }
      added |= compareTypes(prefix + old.name(), old.dataType(), incoming.fields()[i].dataType(), problems);
    }
    for (StructField f : incoming.fields()) {
      if (indexOf(existing, f.name()) < 0) {
        added = true;
      }
    }
    return added;
  }

  private static boolean compareTypes(String name, DataType old, DataType now, List<String> problems) {
    if (old instanceof StructType o && now instanceof StructType n) {
      return compare(name + ".", o, n, problems);
    }
    if (old instanceof ArrayType o && now instanceof ArrayType n) {
      return compareTypes(name + "[]", o.elementType(), n.elementType(), problems);
    }
    if (old instanceof MapType o && now instanceof MapType n) {
      return compareTypes(name + "{key}", o.keyType(), n.keyType(), problems)
          | compareTypes(name + "{value}", o.valueType(), n.valueType(), problems);
    }
    if (!old.sameType(now)) {
      problems.add("column " + name + " is " + old.simpleString() + " in the table but " + now.simpleString() + " in this run");
    }
    return false;
  }

  private static int indexOf(StructType struct, String name) {
    String[] names = struct.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}

package io.htmllake.jobs;

import static io.htmllake.jobs.FixtureCrawl.DAY1;
import static io.htmllake.jobs.FixtureCrawl.DAY2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import io.htmllake.testing.SharedSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * register and {@code parse-pages --register} against a real Hive metastore: Spark's embedded one
 * on an in-memory Derby database (see SharedSpark). Counts through the catalog are checked against
 * the run manifests; catalog state before and after a rerun is compared as SHOW PARTITIONS,
 * DESCRIBE TABLE EXTENDED and SHOW TBLPROPERTIES output.
 */
class RegisterJobTest {

  private static final List<String> DATABASES = List.of("lake_cli", "lake_drop", "lake_delta", "lake_evolve", "ddl_spark",
      "ddl_athena", "gate_db");

  @TempDir
  static Path shared;

  @TempDir
  Path tmp;

  private static SparkSession spark;
  private static Path raw;
  private static Path lake;
  private static Run day1;
  private static Run day2;

  /** parse-pages --register for both fixture dates, once: most tests read this lake and the lake_cli database. */
  @BeforeAll
  static void parseTwoDaysAndRegister() {
    spark = SharedSpark.get();
    raw = FixtureCrawl.write(shared.resolve("raw"));
    lake = shared.resolve("lake");
    day1 = run(new ParsePagesCommand(), "--input", raw.toString(), "--date", DAY1, "--output", lake.toString(),
        "--max-quarantine-ratio", "0.5", "--register", "lake_cli");
    day2 = run(new ParsePagesCommand(), "--input", raw.toString(), "--date", DAY2, "--output", lake.toString(),
        "--max-quarantine-ratio", "0.5", "--register", "lake_cli");
  }

  @AfterAll
  static void dropDatabases() {
    for (String db : DATABASES) {
      spark.sql("DROP DATABASE IF EXISTS " + db + " CASCADE");
    }
  }

  record Run(int code, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.commandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Rows the parse-pages run of the date wrote to the table, as its manifest states. */
  @SuppressWarnings("unchecked")
  private static long manifestRows(Path lakeDir, String date, String table) throws IOException {
    Path dir = lakeDir.resolve("_runs/parse-pages/dt=" + date);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> manifests = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertEquals(1, manifests.size(), "one run of " + date);
      Map<String, Object> manifest = RunManifest.read(spark.sparkContext().hadoopConfiguration(), manifests.get(0).toUri().toString());
      return ((Number) ((Map<String, Object>) manifest.get("rows")).get(table)).longValue();
    }
  }

  private static long count(String db, String table, String date) {
    return spark.sql("SELECT count(*) FROM " + db + "." + table + " WHERE dt = '" + date + "'").first().getLong(0);
  }

  private static List<String> partitions(String db, String table) {
    return spark.sql("SHOW PARTITIONS " + db + "." + table).collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  private static List<String> rows(String sql) {
    return spark.sql(sql).collectAsList().stream().map(Row::toString).toList();
  }

  /** Everything the catalog says about the database's tables. */
  private static List<String> snapshot(String db) {
    List<String> state = new ArrayList<>();
    for (Row t : spark.sql("SHOW TABLES IN " + db).collectAsList()) {
      String name = db + "." + t.getString(t.fieldIndex("tableName"));
      state.add(name);
      List<String> described = rows("DESCRIBE TABLE EXTENDED " + name);
      state.addAll(described);
      state.addAll(rows("SHOW TBLPROPERTIES " + name));
      if (!described.toString().toLowerCase(java.util.Locale.ROOT).contains("[provider,delta,]")) {
        state.addAll(partitions(db, t.getString(t.fieldIndex("tableName"))));
      }
    }
    return state;
  }

  @Test
  void parsePagesRegisterMakesEachDayQueryableThroughTheCatalog() throws IOException {
    assertEquals(0, day1.code(), day1.err());
    assertEquals(0, day2.code(), day2.err());
    assertTrue(day1.out().contains("register lake_cli dt=2024-03-01: created the database"), day1.out());
    for (TableSchema table : Tables.PARSE_PAGES) {
      for (String date : List.of(DAY1, DAY2)) {
        assertEquals(manifestRows(lake, date, table.name()), count("lake_cli", table.name(), date), table.name() + " " + date);
      }
    }
    // Not 0 = 0: the fixture has three pages and two quarantined records on day 1, one page on day 2.
    assertEquals(3, count("lake_cli", "pages", DAY1));
    assertEquals(2, count("lake_cli", "quarantine", DAY1));
    assertEquals(1, count("lake_cli", "pages", DAY2));

    // The second date added a partition; tables with no rows on day 2 have none for it.
    assertEquals(List.of("dt=" + DAY1, "dt=" + DAY2), partitions("lake_cli", "pages"));
    assertEquals(List.of("dt=" + DAY1), partitions("lake_cli", "links"));
    assertEquals(List.of("dt=" + DAY1), partitions("lake_cli", "quarantine"));

    String described = rows("DESCRIBE TABLE EXTENDED lake_cli.pages").toString();
    assertTrue(described.contains("[Type,EXTERNAL,]") && described.contains("[Provider,PARQUET,]"), described);
    assertTrue(described.contains("ParquetHiveSerDe"), "stored in Hive-compatible form, so Athena reads it: " + described);
    assertTrue(described.contains("[Location,file:" + lake.resolve("pages") + ",]"), described);
    assertTrue(described.contains("[page_id,string," + Tables.PAGES.columns().get(0).description() + "]"), described);
    assertTrue(rows("SHOW TBLPROPERTIES lake_cli.pages").contains("[htmllake.schema_version,1.0]"));
  }

  @Test
  void rerunningRegisterChangesNothing() throws IOException {
    List<String> before = snapshot("lake_cli");
    for (String date : List.of(DAY1, DAY2)) {
      Run again = run(new RegisterCommand(), "--database", "lake_cli", "--output", lake.toString(), "--date", date);
      assertEquals(0, again.code(), again.err());
      assertTrue(again.out().startsWith("register lake_cli dt=" + date + ": nothing to change"), again.out());
    }
    assertEquals(before, snapshot("lake_cli"));
    assertTrue(before.size() > 100, "the snapshot covers the tables: " + before.size());
    // Each run leaves its manifest: what it changed (here nothing), table by table.
    for (String date : List.of(DAY1, DAY2)) {
      Map<String, Object> manifest = registerManifest(lake, date);
      assertEquals("register", manifest.get("job"));
      assertEquals(date, manifest.get("date"));
      assertEquals(Boolean.FALSE, manifest.get("changed"));
      assertEquals(RunManifest.digest(manifest), manifest.get(RunManifest.DIGEST), "an intact manifest");
      List<?> tables = (List<?>) manifest.get("tables");
      assertEquals(5, tables.size(), tables.toString());
      Map<?, ?> pages = (Map<?, ?>) tables.get(0);
      assertEquals("lake_cli.pages", pages.get("name"));
      assertEquals("file:" + lake.resolve("pages"), pages.get("location"));
      assertEquals(List.of(), pages.get("changes"));
      assertEquals(List.of("partition dt=" + date + " already registered"), pages.get("notes"));
    }
  }

  /** The one register manifest of the date (parse-pages --register writes none: its own manifest records the run). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> registerManifest(Path lakeDir, String date) throws IOException {
    try (Stream<Path> files = Files.list(lakeDir.resolve("_runs/register/dt=" + date))) {
      List<Path> manifests = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertEquals(1, manifests.size(), manifests.toString());
      return RunManifest.read(spark.sparkContext().hadoopConfiguration(), manifests.get(0).toUri().toString());
    }
  }

  @Test
  void aDateWithoutRowsLosesItsPartitionAndAnotherLakeIsRefused() throws IOException {
    Path copy = tmp.resolve("lake");
    copyTree(lake, copy);
    RegisterOptions options = new RegisterOptions("lake_drop", copy.toString(), LocalDate.parse(DAY1), TableFormat.PARQUET,
        List.of(Tables.OFFERS));
    RegisterJob.run(spark, options);
    assertEquals(manifestRows(copy, DAY1, "offers"), count("lake_drop", "offers", DAY1));
    assertEquals(1, count("lake_drop", "offers", DAY1));

    // What a rerun of the date that found no offers leaves behind: no dt=DAY1 directory.
    deleteTree(copy.resolve("offers/dt=" + DAY1));
    RegisterResult result = RegisterJob.run(spark, options);
    assertEquals(List.of("dropped partition dt=" + DAY1 + " (no rows for the date: its directory is gone)"), result.tables().get(0).changes());
    assertEquals(List.of(), partitions("lake_drop", "offers"));
    assertEquals(0, count("lake_drop", "offers", DAY1));

    List<String> before = snapshot("lake_drop");
    Run elsewhere = run(new RegisterCommand(), "--database", "lake_drop", "--output", lake.toString(), "--date", DAY1, "--tables", "offers");
    assertEquals(2, elsewhere.code(), elsewhere.err());
    assertEquals(1, elsewhere.err().lines().count(), elsewhere.err());
    assertTrue(elsewhere.err().contains("Cannot register lake_drop.offers: it is registered at file:" + copy.resolve("offers")), elsewhere.err());
    assertEquals(before, snapshot("lake_drop"));
  }

  @Test
  void deltaTablesAreRegisteredAsDeltaAndNewDatesNeedNoPartition() throws IOException {
    Path delta = tmp.resolve("delta");
    writeDelta(delta, "pages", DAY1);
    Run registered = run(new RegisterCommand(), "--database", "lake_delta", "--output", delta.toString(), "--date", DAY1,
        "--format", "delta", "--tables", "pages,offers");
    assertEquals(0, registered.code(), registered.err());
    assertTrue(registered.out().contains("offers           not registered: no Delta table at file:" + delta.resolve("offers")), registered.out());
    assertFalse(spark.catalog().tableExists("lake_delta", "offers"));
    String described = rows("DESCRIBE TABLE EXTENDED lake_delta.pages").toString();
    assertTrue(described.contains("[Provider,delta,]") && described.contains("[Location,file:" + delta.resolve("pages") + ",]"), described);
    assertEquals(manifestRows(lake, DAY1, "pages"), count("lake_delta", "pages", DAY1));
    assertEquals(0, count("lake_delta", "pages", DAY2));

    // A second date is in the table as soon as the log has it; registering it again changes nothing.
    writeDelta(delta, "pages", DAY2);
    assertEquals(manifestRows(lake, DAY2, "pages"), count("lake_delta", "pages", DAY2));
    List<String> before = snapshot("lake_delta");
    Run again = run(new RegisterCommand(), "--database", "lake_delta", "--output", delta.toString(), "--date", DAY2,
        "--format", "delta", "--tables", "pages");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().startsWith("register lake_delta dt=" + DAY2 + ": nothing to change"), again.out());
    assertEquals(before, snapshot("lake_delta"));

    // A Parquet registration of a Delta table is refused.
    Run parquet = run(new RegisterCommand(), "--database", "lake_delta", "--output", delta.toString(), "--date", DAY2, "--tables", "pages");
    assertEquals(2, parquet.code(), parquet.err());
    assertTrue(parquet.err().contains("it is registered as delta, not parquet"), parquet.err());
  }

  /** A Delta table partitioned by a string dt, with the date's rows of the Parquet lake, written as parse-pages --format delta will (replaceWhere). */
  private static void writeDelta(Path deltaLake, String table, String date) {
    TableSchema schema = Tables.byName(table).orElseThrow();
    spark.read().schema(schema.structTypeWithPartition()).parquet(lake.resolve(table).toString()).where("dt = '" + date + "'")
        .write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", "dt = '" + date + "'").partitionBy("dt")
        .save(deltaLake.resolve(table).toString());
  }

  @Test
  void anAdditiveSchemaChangeAddsColumnsAndABreakingOneIsRefused() throws IOException {
    Path evolving = tmp.resolve("lake");
    TableSchema v10 = events("1.0").build();
    TableSchema v11 = events("1.1").optional("referrer", DataTypes.StringType, "1.1", "Referring URL").build();
    TableSchema v20 = TableSchema.builder("events", "2.0", "Test events")
        .required("id", DataTypes.StringType, "1.0", "Event id").optional("n", DataTypes.StringType, "2.0", "Count, now text").build();
    spark.sql("SELECT 'a' AS id, CAST(7 AS BIGINT) AS n, '" + DAY1 + "' AS dt").write().partitionBy("dt")
        .parquet(evolving.resolve("events").toString());
    RegisterJob.run(spark, evolveOptions(evolving, DAY1, v10));
    assertEquals(List.of("id", "n", "dt"), columns("lake_evolve.events"));

    spark.sql("SELECT 'b' AS id, CAST(8 AS BIGINT) AS n, 'https://r.example/' AS referrer, '" + DAY2 + "' AS dt").write()
        .mode(SaveMode.Append).partitionBy("dt").parquet(evolving.resolve("events").toString());
    RegisterResult added = RegisterJob.run(spark, evolveOptions(evolving, DAY2, v11));
    assertEquals(List.of("added columns referrer (schema 1.0 -> 1.1)", "added partition dt=" + DAY2), added.tables().get(0).changes());
    assertEquals(List.of("id", "n", "referrer", "dt"), columns("lake_evolve.events"));
    assertTrue(rows("SHOW TBLPROPERTIES lake_evolve.events").contains("[htmllake.schema_version,1.1]"));
    assertEquals(List.of("[a,7,null," + DAY1 + "]", "[b,8,https://r.example/," + DAY2 + "]"),
        rows("SELECT id, n, referrer, dt FROM lake_evolve.events ORDER BY id"));

    // An older htmllake registering its 1.0 leaves the newer column alone.
    RegisterResult older = RegisterJob.run(spark, evolveOptions(evolving, DAY2, v10));
    assertTrue(older.unchanged(), older.toString());
    assertTrue(older.tables().get(0).notes().get(0).startsWith("registered with newer columns referrer"), older.toString());

    List<String> before = snapshot("lake_evolve");
    JobException refused = assertThrows(JobException.class, () -> RegisterJob.run(spark, evolveOptions(evolving, DAY2, v20)));
    assertEquals(ExitCode.BAD_ARGUMENTS, refused.exitCode());
    assertEquals("Cannot register lake_evolve.events: it is registered with schema version 1.1, htmllake defines 2.0"
        + " (a new major version is not compatible) (drop the table or register into another --database)", refused.getMessage());
    assertEquals(before, snapshot("lake_evolve"));
  }

  private static TableSchema.Builder events(String version) {
    return TableSchema.builder("events", version, "Test events")
        .required("id", DataTypes.StringType, "1.0", "Event id")
        .optional("n", DataTypes.LongType, "1.0", "Count");
  }

  private static RegisterOptions evolveOptions(Path lakeDir, String date, TableSchema table) {
    return new RegisterOptions("lake_evolve", lakeDir.toString(), LocalDate.parse(date), TableFormat.PARQUET, List.of(table));
  }

  private static List<String> columns(String table) {
    return Arrays.asList(spark.table(table).columns());
  }

  @Test
  void printedSparkAndAthenaDdlCreateTablesThatReadTheData() throws IOException {
    Run all = run(new RegisterCommand(), "--print-ddl", "--database", "ddl_spark", "--output", lake.toString(), "--date", DAY1);
    assertEquals(0, all.code(), all.err());
    assertTrue(all.out().contains("CREATE EXTERNAL TABLE IF NOT EXISTS `ddl_spark`.`pages`") && all.out().contains("USING PARQUET"), all.out());
    assertFalse(spark.catalog().databaseExists("ddl_spark"), "--print-ddl registers nothing");

    for (String dialect : List.of("spark", "athena")) {
      String db = "ddl_" + dialect;
      Run ddl = run(new RegisterCommand(), "--print-ddl", "--dialect", dialect, "--database", db, "--output", lake.toString(), "--date", DAY1);
      assertEquals(0, ddl.code(), ddl.err());
      List<String> statements = statements(ddl.out());
      assertEquals(1 + 2 * Tables.PARSE_PAGES.size(), statements.size(), ddl.out());
      statements.forEach(spark::sql);
      for (TableSchema table : Tables.PARSE_PAGES) {
        assertEquals(manifestRows(lake, DAY1, table.name()), count(db, table.name(), DAY1), dialect + " " + table.name());
      }
      assertEquals(3, count(db, "pages", DAY1));
      // Same columns and types as the catalog register writes.
      assertEquals(spark.table("lake_cli.pages").schema().simpleString(), spark.table(db + ".pages").schema().simpleString());
    }
    String athena = rows("DESCRIBE TABLE EXTENDED ddl_athena.pages").toString();
    assertTrue(athena.contains("[Provider,hive,]") && athena.contains("ParquetHiveSerDe"), athena);
  }

  /** The statements of --print-ddl output: comment lines dropped, split where a line ends with ';'. */
  private static List<String> statements(String text) {
    String sql = String.join("\n", text.lines().filter(l -> !l.startsWith("--")).toList());
    return Arrays.stream(sql.split(";\n")).map(String::strip).map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
        .filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void aRunThatFailsItsGatesIsNotRegistered() {
    Run failed = run(new ParsePagesCommand(), "--input", raw.toString(), "--date", DAY1, "--output", tmp.resolve("lake").toString(),
        "--register", "gate_db"); // 2 of 5 records quarantined > the default 0.05
    assertEquals(3, failed.code(), failed.err());
    assertTrue(failed.err().contains("not registered in gate_db: a quality gate failed"), failed.err());
    assertFalse(spark.catalog().databaseExists("gate_db"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "register --database Bad-Name --output LAKE --date 2024-03-01|2|--database",
      "register --database ok --output LAKE --date 2024-03-01 --format json|2|--format",
      "register --database ok --output LAKE --date 2024-03-01 --tables pages,nope|2|--tables",
      "register --database ok --output LAKE --date 2024-03-01 --dialect spark|2|--dialect",
      "register --database ok --output LAKE --date 2024-03-01 --print-ddl --dialect hive|2|--dialect",
      "register --database ok --output MISSING --date 2024-03-01|4|does not exist",
      "parse-pages --input RAW --output OUT --date 2024-03-01 --register Bad-Name|2|--register",
      "parse-pages --input RAW --output OUT --date 2024-03-01 --register ok --format json|2|--register",
  })
  void badArgumentsAreOneLineAndTheirExitCode(String args, int code, String named) {
    List<String> argv = new ArrayList<>();
    for (String arg : args.split(" ")) {
      argv.add(switch (arg) {
        case "LAKE" -> lake.toString();
        case "RAW" -> raw.toString();
        case "OUT" -> tmp.resolve("lake").toString();
        case "MISSING" -> tmp.resolve("no-lake").toString();
        default -> arg;
      });
    }
    Object command = argv.remove(0).equals("register") ? new RegisterCommand() : new ParsePagesCommand();
    Run result = run(command, argv.toArray(String[]::new));
    assertEquals(code, result.code(), result.err());
    assertEquals(1, result.err().lines().filter(l -> !l.isBlank()).count(), result.err());
    assertTrue(result.err().contains(named), result.err());
    assertFalse(spark.catalog().databaseExists("ok"), "nothing was registered");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
